// 居民身份证号码 typed into a form: checked as it is typed with the domain's own check (length, birth date,
// check character), the way the server's IsIdNumber does; a lower-case x is accepted and shown as X.

import { Input, type InputProps } from 'antd';
import type { Rule } from 'antd/es/form';
import { idNumberProblem } from '@libs/domain';

/** What the server stores: surrounding spaces dropped, a trailing x as the X it stands for. */
export function normalizeIdNumber(value: unknown): string {
  return typeof value === 'string' ? value.trim().replace(/x$/, 'X') : '';
}

/** The antd rule: the same message the server would answer (身份证号码无效：校验码不正确). */
export function idNumberRule(required = true): Rule {
  return {
    required,
    validator: async (_, value: unknown) => {
      const idNumber = normalizeIdNumber(value);
      if (!idNumber) {
        if (required) throw new Error('请输入身份证号码');
        return;
      }
      const problem = idNumberProblem(idNumber);
      if (problem) throw new Error(`身份证号码无效：${problem}`);
    },
  };
}

/** Form.Item props for an ID number field: the rule, checked on every keystroke, and the x upper-cased. */
export const idNumberItemProps = (required = true) => ({
  rules: [idNumberRule(required)],
  validateTrigger: ['onChange', 'onBlur'],
  normalize: (value: unknown) => (typeof value === 'string' ? value.replace(/x$/, 'X') : value),
});

/** An input sized for 18 characters that does not autocomplete or correct what is typed. */
export function IdNumberInput(props: InputProps) {
  return (
    <Input
      maxLength={18}
      autoComplete="off"
      spellCheck={false}
      inputMode="text"
      placeholder="18位身份证号码"
      {...props}
    />
  );
}
