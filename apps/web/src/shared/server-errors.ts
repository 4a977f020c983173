// The server's validation answer lands on the fields it names: `members[0].idNumber` is the form's
// ['members', 0, 'idNumber']; what names no field of the form is returned for a banner.

import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

export function fieldPath(field: string, prefix: (string | number)[] = []): (string | number)[] {
  const parts = field.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== '');
  return [...prefix, ...parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p))];
}

/**
 * Shows each refused field under its input; returns the message for what no input shows (or the whole
 * message when the error is not a validation answer). `prefix` is where the form keeps the body's fields
 * (['form'] for a task form submitted as { decision, reason, form }).
 */
export function showServerErrors(
  form: FormInstance,
  error: unknown,
  prefix: (string | number)[] = [],
): string {
  if (!(error instanceof ApiError)) return '操作失败，请稍后重试';
  const placed = new Set<string>();
  const registered = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
  const fields = error.errors.flatMap((e) => {
    const candidates = [fieldPath(e.field), fieldPath(e.field.replace(/^form\./, ''), prefix)];
    const name = candidates.find((c) => registered.has(JSON.stringify(c)));
    if (!name) return [];
    placed.add(e.field);
    return [{ name, errors: [e.message] }];
  });
  form.setFields(fields);
  const rest = error.errors.filter((e) => !placed.has(e.field));
  if (error.errors.length > 0 && rest.length === 0) return '表单有误，请按提示修改';
  return rest.length
    ? `${error.message.split('：')[0]}：${rest.map((e) => `${e.field} ${e.message}`).join('；')}`
    : error.message;
}
