// 帮扶措施转办受理: the department takes on (接收) the measure the centre transferred, or sends it back with a
// reason (the page's reason modal); a note is optional either way.

import type { TaskFormProps } from '../form-props';
import { TextAreaField } from './fields';
import { MeasureSummary } from './measure-summary';

export default function MeasureAcceptanceForm({ task }: TaskFormProps) {
  return (
    <>
      <MeasureSummary payload={task.payload} />
      <TextAreaField
        name={['form', 'note']}
        label="受理说明"
        max={2000}
        placeholder="如：已安排专人对接，预计两周内落实"
      />
    </>
  );
}
