// 异议调查 investigating an objection raised during the public notice: what was found, with evidence. The
// decision says whether the objection stands. Rules mirror ObjectionInvestigationFormDto.

import { Descriptions } from 'antd';
import type { TaskFormProps } from './form-props';
import { AttachmentsField } from './fields';
import { TextAreaField } from './support/fields';

export default function ObjectionInvestigationForm({ task }: TaskFormProps) {
  const objection = (task.payload ?? {}) as { objector?: string; content?: string };
  return (
    <>
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label="异议人">{objection.objector ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="异议内容">{objection.content ?? '—'}</Descriptions.Item>
      </Descriptions>
      <TextAreaField name={['form', 'findings']} label="调查核实情况" min={2} max={5000} rows={4} />
      <AttachmentsField caseId={task.caseId} label="调查佐证材料" />
    </>
  );
}
