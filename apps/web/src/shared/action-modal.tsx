// A dialog that does one thing on the server (改派, 特事特办, 更正…): what it is about above the form, the
// server's refusal on the field it names or above the form in Chinese; it closes once the action has gone
// through, saying what was done.

import { Alert, App, Form, Modal, Typography, type FormInstance, type FormProps } from 'antd';
import type { ReactNode } from 'react';
import { useServerErrors } from './form-modal';

interface ActionModalProps<T> {
  title: string;
  okText: string;
  /** Said above the form, in grey. */
  intro: ReactNode;
  form: FormInstance<T>;
  initialValues?: FormProps<T>['initialValues'];
  pending: boolean;
  /** A problem of the dialog's own (its choices failed to load), shown where a refusal would be. */
  problem?: string;
  /** Resolves with the success message, or throws the server's refusal. */
  onSubmit: (values: T) => Promise<string>;
  onClose: () => void;
  children: ReactNode;
}

export function ActionModal<T>({
  title,
  okText,
  intro,
  form,
  initialValues,
  pending,
  problem,
  onSubmit,
  onClose,
  children,
}: ActionModalProps<T>) {
  const { submit, error } = useServerErrors(form);
  const { message } = App.useApp();
  const finish = async (values: T) => {
    if (await submit(async () => void message.success(await onSubmit(values)))) onClose();
  };
  const shown = error ?? problem;
  return (
    <Modal
      open
      title={title}
      okText={okText}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={pending}
      destroyOnClose
    >
      <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph>
      {shown && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={shown} />}
      <Form<T> form={form} layout="vertical" onFinish={finish} initialValues={initialValues}>
        {children}
      </Form>
    </Modal>
  );
}
