import type { FormRule } from 'antd';

/**
 * A free-text field the server requires, as its DTO checks it: not blank, at most `max` characters and, with
 * `min`, at least that many. `prefix` opens the length's message (理由须为 2–500 个字).
 */
export function requiredText(
  message: string,
  { min, max, prefix = '' }: { min?: number; max: number; prefix?: string },
): FormRule[] {
  return [
    { required: true, whitespace: true, message },
    { min, max, message: min ? `${prefix}${min}–${max} 个字` : `不超过 ${max} 个字` },
  ];
}
