// 更正 the county centre's correction of a ledger entry: the entry as it should read and why. The old row
// stays as written; the server adds the correction beside it and audits it. Its refusals land on the field
// they name, or above the form in Chinese.

import { Form, Input } from 'antd';
import { ActionModal } from '../shared/action-modal';
import { requiredText } from '../shared/text-rules';
import { type Ledger, type LedgerCorrection, type LedgerEntry, useCorrectLedgerEntry } from './ledger-api';

/** A text the correction needs: `short` names it in the length message. */
function textItem(
  name: keyof LedgerCorrection,
  label: string,
  short: string,
  max: number,
  rows: { minRows: number; maxRows: number },
) {
  return (
    <Form.Item
      name={name}
      label={label}
      rules={requiredText(`请填写${label}`, { min: 2, max, prefix: `${short}须为 ` })}
    >
      <Input.TextArea autoSize={rows} />
    </Form.Item>
  );
}

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
  const correct = useCorrectLedgerEntry();

  return (
    <ActionModal<LedgerCorrection>
      title={`更正：${entry.eventLabel}（${entry.householdHead ?? '无户主'}）`}
      okText="登记更正"
      intro="台账不修改原条目：更正作为新的一条登记在其旁，写明更正后的内容和理由，并记入留痕。"
      form={form}
      initialValues={{ summary: current }}
      pending={correct.isPending}
      onSubmit={async (body) => {
        await correct.mutateAsync({ ledger, id: entry.id, body });
        return '已登记更正，原条目保留';
      }}
      onClose={onClose}
    >
      {textItem('summary', '更正后的内容', '更正内容', 1000, { minRows: 3, maxRows: 8 })}
      {textItem('reason', '更正理由', '更正理由', 500, { minRows: 2, maxRows: 6 })}
    </ActionModal>
  );
}
