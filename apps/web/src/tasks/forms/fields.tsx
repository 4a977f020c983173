// Fields the procedure's forms share: 致贫原因, attachments uploaded to the case, and yes/no answers sized
// for a finger on a phone. Dates, free text and the members' ID numbers come from ./support's helpers.

import { Checkbox, Form, Radio } from 'antd';
import type { PovertyCause } from '@libs/domain';
import { POVERTY_CAUSE_LABELS } from '@libs/domain';
import { AttachmentsUpload } from '../../shared/attachments-upload';
import type { FieldName } from './support/fields';

export function PovertyCausesField({ name = ['form', 'povertyCauses'] }: { name?: FieldName }) {
  return (
    <Form.Item
      name={name}
      label="致贫原因"
      rules={[{ required: true, type: 'array', min: 1, message: '至少选择一项' }]}
    >
      <Checkbox.Group
        options={(Object.keys(POVERTY_CAUSE_LABELS) as PovertyCause[]).map((value) => ({
          value,
          label: POVERTY_CAUSE_LABELS[value],
        }))}
      />
    </Form.Item>
  );
}

export function AttachmentsField({
  caseId,
  label,
  camera = false,
  name = ['form', 'attachmentIds'],
}: {
  caseId: string;
  label: string;
  camera?: boolean;
  name?: FieldName;
}) {
  return (
    <Form.Item
      name={name}
      label={label}
      extra={camera ? undefined : 'JPEG、PNG、WebP、HEIC 图片或 PDF，每个不超过 10 MB'}
    >
      <AttachmentsUpload caseId={caseId} camera={camera} />
    </Form.Item>
  );
}

const YES_NO = [
  { value: true, label: '是' },
  { value: false, label: '否' },
];

/** A 是/否 as two large buttons, named as one question (a radio group) for screen readers and specs. */
export function YesNoField({
  name,
  label,
  required = true,
}: {
  name: FieldName;
  label: string;
  required?: boolean;
}) {
  return (
    <Form.Item label={label} required={required}>
      <div role="radiogroup" aria-label={label}>
        <Form.Item name={name} noStyle rules={[{ required, message: '请选择' }]}>
          <Radio.Group options={YES_NO} optionType="button" buttonStyle="solid" size="large" />
        </Form.Item>
      </div>
    </Form.Item>
  );
}
