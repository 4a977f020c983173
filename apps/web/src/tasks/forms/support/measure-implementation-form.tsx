// 帮扶措施落实: the department reports what it did, when, and what it paid if anything.

import type { TaskFormProps } from '../form-props';
import { AmountField, PastDateField, TextAreaField } from './fields';
import { MeasureSummary } from './measure-summary';

export default function MeasureImplementationForm({ task }: TaskFormProps) {
  return (
    <>
      <MeasureSummary payload={task.payload} />
      <PastDateField name={['form', 'implementedOn']} label="落实日期" required />
      <TextAreaField
        name={['form', 'report']}
        label="落实情况"
        min={2}
        max={5000}
        rows={5}
        placeholder="做了什么、惠及哪些成员、后续安排"
      />
      <AmountField name={['form', 'amount']} label="落实金额" extra="发放资金的措施填写；其他措施可不填" />
    </>
  );
}
