// A form in a modal with 保存 / 取消: what the server refuses lands on its field (showServerErrors), the rest in a
// banner above the form; the modal closes once the save has gone through.

import { Alert, Form, Modal, type FormInstance, type FormProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { showServerErrors } from './server-errors';

/** Runs a submission; what the server refuses shows on the form's fields, the rest comes back as `error`. */
export function useServerErrors(form: FormInstance) {
  const [error, setError] = useState<string>();
  const submit = async (send: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await send();
      return true;
    } catch (e) {
      setError(showServerErrors(form, e));
      return false;
    }
  };
  return { submit, error };
}

interface FormModalProps<T> {
  title: ReactNode;
  /** The form's name, which prefixes its fields' ids. */
  name: string;
  form: FormInstance<T>;
  initialValues: FormProps<T>['initialValues'];
  pending: boolean;
  onSave: (values: T) => Promise<unknown>;
  onClose: () => void;
  children: ReactNode;
}

export function FormModal<T>({
  title,
  name,
  form,
  initialValues,
  pending,
  onSave,
  onClose,
  children,
}: FormModalProps<T>) {
  const { submit, error } = useServerErrors(form);
  const save = async (values: T) => {
    if (await submit(() => onSave(values))) onClose();
  };
  return (
    <Modal
      open
      title={title}
      okText="保存"
      cancelText="取消"
      onOk={() => form.submit()}
      confirmLoading={pending}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form<T> name={name} form={form} layout="vertical" onFinish={save} initialValues={initialValues}>
        {children}
      </Form>
    </Modal>
  );
}
