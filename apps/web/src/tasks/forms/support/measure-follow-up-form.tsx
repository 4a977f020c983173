// 跟踪问效: the centre records whether the measure the department reported has worked.

import { Form, Radio } from 'antd';
import { MEASURE_RESULT_LABELS, MEASURE_RESULTS } from '@libs/domain';
import type { TaskFormProps } from '../form-props';
import { TextAreaField, labelOptions } from './fields';
import { MeasureSummary } from './measure-summary';

export default function MeasureFollowUpForm({ task }: TaskFormProps) {
  return (
    <>
      <MeasureSummary payload={task.payload} />
      <Form.Item name={['form', 'result']} label="成效" rules={[{ required: true, message: '请选择成效' }]}>
        <Radio.Group options={labelOptions(MEASURE_RESULT_LABELS, MEASURE_RESULTS)} optionType="button" />
      </Form.Item>
      <TextAreaField name={['form', 'note']} label="成效说明" min={2} max={2000} />
    </>
  );
}
