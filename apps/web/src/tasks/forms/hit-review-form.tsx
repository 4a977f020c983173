// 比对命中复核 the county centre's review of disqualifying hits: setting them aside (核实排除) is an approval
// with the reason the inspectors will read (at least 5 characters) and the evidence attached; a hit found
// true ends the case (不予通过, with its reason in the page's dialog).

import { Form, Input } from 'antd';
import type { TaskFormProps } from './form-props';
import { AttachmentsField } from './fields';
import { HitsList, payloadHits } from './hits-list';

export default function HitReviewForm({ task }: TaskFormProps) {
  return (
    <>
      <HitsList hits={payloadHits(task.payload)} title="须复核的比对命中" />
      <Form.Item
        name={['reason']}
        label="核实排除的理由（核实排除时必填）"
        rules={[
          { required: true, whitespace: true, message: '核实排除时须说明理由' },
          { min: 5, message: '至少 5 个字' },
          { max: 2000, message: '不能超过 2000 个字' },
        ]}
      >
        <Input.TextArea
          rows={3}
          maxLength={2000}
          showCount
          placeholder="如：该商品房已于去年出售，有过户凭证"
        />
      </Form.Item>
      <AttachmentsField caseId={task.caseId} label="佐证材料" />
    </>
  );
}
