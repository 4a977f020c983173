// Inputs and rules the support-phase forms share, mirroring apps/api/src/tasks/forms/form-fields.ts: amounts
// in yuan to the fen up to ten million, dates that have happened (sent as YYYY-MM-DD), free text by length.

import { DatePicker, Form, Input, InputNumber } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';

export type FieldName = (string | number)[];

/** 兜底保障 and the like by department: a Select's options from a domain label table. */
export function labelOptions<K extends string>(labels: Record<K, string>, keys?: readonly K[]) {
  return (keys ?? (Object.keys(labels) as K[])).map((value) => ({ value, label: labels[value] }));
}

/** Free text: `max` characters, `min` when it must say something (the server's Text(max, min)). */
export function textRules(max: number, min = 0, required = min > 0): Rule[] {
  return [
    { required, whitespace: required, message: '必填' },
    { max, message: `不能超过 ${max} 个字` },
    ...(min > 0 ? [{ min, message: `至少 ${min} 个字` }] : []),
  ];
}

export function amountRules(required: boolean, positive = false): Rule[] {
  return [
    { required, message: '必填' },
    positive
      ? { type: 'number', min: 0.01, message: '应大于 0' }
      : { type: 'number', min: 0, message: '不能为负数' },
    { type: 'number', max: 10_000_000, message: '不能超过 10000000 元' },
    {
      validator: async (_, value?: number) => {
        if (value != null && Math.abs(Math.round(value * 100) - value * 100) > 1e-6) {
          throw new Error('应为金额（元），至多两位小数');
        }
      },
    },
  ];
}

/**
 * 金额（元）. Out-of-range or over-precise amounts are told by the rules rather than clamped or rounded by the
 * input, so nobody's figure is silently changed.
 */
export function AmountField({
  name,
  label,
  required = false,
  positive = false,
  extra,
}: {
  name: FieldName;
  label: string;
  required?: boolean;
  positive?: boolean;
  extra?: ReactNode;
}) {
  return (
    <Form.Item name={name} label={label} rules={amountRules(required, positive)} extra={extra}>
      <InputNumber inputMode="decimal" addonAfter="元" style={{ width: '100%', maxWidth: 240 }} />
    </Form.Item>
  );
}

/**
 * A date not after today, kept in the form as the YYYY-MM-DD text the API takes (a Dayjs would be sent as
 * an ISO timestamp the server refuses).
 */
export function PastDateField({
  name,
  label,
  required,
}: {
  name: FieldName;
  label: string;
  required: boolean;
}) {
  return (
    <Form.Item
      name={name}
      label={label}
      rules={[{ required, message: '必填' }]}
      getValueProps={(value?: string) => ({ value: value ? dayjs(value) : undefined })}
      normalize={(value?: Dayjs | null) => value?.format('YYYY-MM-DD')}
    >
      <DatePicker
        disabledDate={(day) => day.isAfter(dayjs(), 'day')}
        style={{ width: '100%', maxWidth: 240 }}
      />
    </Form.Item>
  );
}

export function TextAreaField({
  name,
  label,
  max,
  min = 0,
  required = min > 0,
  rows = 3,
  placeholder,
}: {
  name: FieldName;
  label: string;
  max: number;
  min?: number;
  required?: boolean;
  rows?: number;
  placeholder?: string;
}) {
  return (
    <Form.Item name={name} label={label} rules={textRules(max, min, required)}>
      <Input.TextArea rows={rows} maxLength={max} showCount placeholder={placeholder} />
    </Form.Item>
  );
}
