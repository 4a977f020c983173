// 更正 the county centre's correction of a ledger entry: the entry as it should read and why. The old row
// stays as written; the server adds the correction beside it and audits it. Its refusals land on the field
// they name, or above the form in Chinese.

import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { showServerErrors } from '../shared/server-errors';
import { requiredText } from '../shared/text-rules';
import { type Ledger, type LedgerCorrection, type LedgerEntry, useCorrectLedgerEntry } from './ledger-api';

export function CorrectionModal({
  ledger,
  entry,
  current,
  onClose,
}: {
  ledger: Ledger;
  entry: LedgerEntry;
  /** The entry's details as the list shows them: where the corrected text starts from. */
  current: string;
  onClose: () => void;
}) {
  const [form] = Form.useForm<LedgerCorrection>();
  const [error, setError] = useState<string>();
  const correct = useCorrectLedgerEntry();
  const { message } = App.useApp();

  async function submit(body: LedgerCorrection) {
    setError(undefined);
    try {
      await correct.mutateAsync({ ledger, id: entry.id, body });
      void message.success('已登记更正，原条目保留');
      onClose();
    } catch (e) {
      setError(showServerErrors(form, e));
    }
  }

  return (
    <Modal
      open
      title={`更正：${entry.eventLabel}（${entry.householdHead ?? '无户主'}）`}
      okText="登记更正"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={correct.isPending}
      destroyOnClose
    >
      <Typography.Paragraph type="secondary">
        台账不修改原条目：更正作为新的一条登记在其旁，写明更正后的内容和理由，并记入留痕。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={error} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ summary: current }}>
        <Form.Item
          name="summary"
          label="更正后的内容"
          rules={requiredText('请填写更正后的内容', { min: 2, max: 1000, prefix: '更正内容须为 ' })}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
        <Form.Item
          name="reason"
          label="更正理由"
          rules={requiredText('请填写更正理由', { min: 2, max: 500, prefix: '更正理由须为 ' })}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
