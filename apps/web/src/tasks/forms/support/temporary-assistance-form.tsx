// 临时救助（特事特办）: the centre records the assistance paid; refusing it (不予救助) needs only the reason
// the page asks for, so the fields are required on approval alone.

import type { TaskFormProps } from '../form-props';
import { AmountField, PastDateField, TextAreaField } from './fields';

export default function TemporaryAssistanceForm({ decision }: TaskFormProps) {
  const paying = decision !== 'reject';
  return (
    <>
      <AmountField name={['form', 'amount']} label="救助金额" required={paying} positive />
      <PastDateField name={['form', 'paidOn']} label="发放日期" required={paying} />
      <TextAreaField name={['form', 'note']} label="说明" max={2000} placeholder="救助事由、发放方式等" />
    </>
  );
}
