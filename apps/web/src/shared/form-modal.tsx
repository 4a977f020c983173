// A form in a modal with 保存 / 取消: what the server refuses lands on its field (showServerErrors), the rest in a
// banner above the form; the modal closes once the save has gone through. An admin's change may say why
// (理由, ReasonItem), which the API keeps on the change's audit event.

import { Alert, Form, Input, Modal, type FormInstance, type FormProps } from 'antd';
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

/** What a form with ReasonItem holds besides its own fields. */
export interface ReasonField {
  reason?: string;
}

/**
 * 理由 the form's optional `reason`, as the API's ChangeReasonDto checks it: left empty it is not sent,
 * blank it is refused.
 */
export function ReasonItem() {
  return (
    <Form.Item
      label="理由"
      name="reason"
      extra="选填，记入留痕"
      normalize={(value: string) => value || undefined}
      rules={[
        { pattern: /\S/, message: '不能只有空格' },
        { max: 200, message: '不超过 200 个字' },
      ]}
    >
      <Input.TextArea rows={2} maxLength={200} showCount placeholder="为何修改（选填）" />
    </Form.Item>
  );
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
  /** Ask for the change's 理由 below the other fields: the values then carry `reason`. */
  reason?: boolean;
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
  reason = false,
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
        {reason && <ReasonItem />}
      </Form>
    </Modal>
  );
}
