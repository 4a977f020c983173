// A window of China-local days a list is narrowed to (createdFrom/createdTo, decidedFrom/decidedTo): both
// ends included, each a real date, the end not before the start. The DTO checks the YYYY-MM-DD form.

import { AppException } from './app.exception';

const isCalendarDate = (text: string): boolean =>
  !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) &&
  new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;

/** Refuses a date that does not exist (2026-02-30) or a window that ends before it starts, naming the field. */
export function checkDateWindow(fields: Record<string, string | undefined>): void {
  const [[fromField, from], [toField, to]] = Object.entries(fields);
  for (const [field, value] of [
    [fromField, from],
    [toField, to],
  ] as const) {
    if (value && !isCalendarDate(value)) {
      throw new AppException('VALIDATION_FAILED', 400, `输入有误：${field} 不是有效日期`, {
        errors: [{ field, message: '不是有效日期' }],
      });
    }
  }
  if (from && to && from > to) {
    throw new AppException('VALIDATION_FAILED', 400, `输入有误：${toField} 不能早于 ${fromField}`, {
      errors: [{ field: toField, message: `不能早于 ${fromField}` }],
    });
  }
}
