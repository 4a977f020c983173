// 部门比对反馈 a department's answer to the data-check request: what it found against the household's
// members (or their close relatives), each hit with its category, whose ID number and the detail; no hit
// is an empty list. Rules mirror DataCheckAnswerFormDto.

import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Card, Form, Input, List, Select, Typography } from 'antd';
import { DATA_CHECK_HIT_LABELS } from '@libs/domain';
import { IdNumberInput, idNumberItemProps } from '../../shared/id-number-input';
import type { TaskFormProps } from './form-props';
import { labelOptions } from './support/fields';
import { useRevealedMembers } from './support/revealed-members';

const HITS = ['form', 'hits'];

interface RequestPayload {
  members?: { name: string; idNumber: string }[];
  note?: string;
}

export default function DataCheckAnswerForm({ task, form }: TaskFormProps) {
  const payload = (task.payload ?? {}) as RequestPayload;
  const hits = Form.useWatch(HITS, form) as unknown[] | undefined;
  // A hit names a member by the full number, which the request shows masked: revealed (and audited) only
  // once the department records a hit.
  const members = useRevealedMembers(
    task.caseId,
    '部门比对：填写命中成员的身份证号',
    (hits?.length ?? 0) > 0,
  );

  return (
    <>
      {payload.note && <Typography.Paragraph type="warning">{payload.note}</Typography.Paragraph>}
      <List
        size="small"
        header="待比对的家庭成员"
        dataSource={payload.members ?? []}
        renderItem={(m) => (
          <List.Item>
            <span>{m.name}</span>
            <span>{m.idNumber}</span>
          </List.Item>
        )}
        style={{ marginBottom: 16 }}
      />
      <Form.List name={HITS} initialValue={[]}>
        {(fields, { add, remove }) => (
          <>
            {fields.length === 0 && (
              <Typography.Paragraph>未发现命中（无命中时直接办结）。</Typography.Paragraph>
            )}
            {fields.map((field, index) => (
              <Card
                key={field.key}
                size="small"
                title={`命中 ${index + 1}`}
                style={{ marginBottom: 12 }}
                extra={
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)}>
                    删除
                  </Button>
                }
              >
                <Form.Item
                  name={[field.name, 'category']}
                  label="命中类别"
                  rules={[{ required: true, message: '请选择' }]}
                >
                  <Select options={labelOptions(DATA_CHECK_HIT_LABELS)} placeholder="请选择" />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'idNumber']}
                  label="涉及人员身份证号（可选）"
                  {...idNumberItemProps(false)}
                  // Left empty, the field is absent from the answer (the server checks any number it is given).
                  normalize={(value?: string) =>
                    value?.trim() ? value.trim().replace(/x$/, 'X') : undefined
                  }
                >
                  <AutoComplete
                    options={(members.data ?? []).map((m) => ({
                      value: m.idNumber,
                      label: `${m.name} ${m.idNumber}`,
                    }))}
                  >
                    <IdNumberInput />
                  </AutoComplete>
                </Form.Item>
                <Form.Item
                  name={[field.name, 'detail']}
                  label="命中详情"
                  rules={[{ max: 500, message: '不能超过 500 个字' }]}
                >
                  <Input.TextArea rows={2} maxLength={500} placeholder="如：名下商品房一套（城区）" />
                </Form.Item>
              </Card>
            ))}
            <Button
              icon={<PlusOutlined />}
              onClick={() => add({ detail: '' })}
              disabled={fields.length >= 100}
              block
              style={{ marginBottom: 16 }}
            >
              添加命中
            </Button>
          </>
        )}
      </Form.List>
    </>
  );
}
