// 镇(街道)审核 and 县级认定: the evaluation and the data check's hits to review, and the reviewer's opinion. A
// return names its step in the page's dialog (form.returnTo). Rules mirror ReviewFormDto.

import type { TaskFormProps } from './form-props';
import { HitsList, payloadHits } from './hits-list';
import { TextAreaField } from './support/fields';

export default function ReviewForm({ task }: TaskFormProps) {
  return (
    <>
      <HitsList hits={payloadHits(task.payload)} title="大数据比对情况" />
      <TextAreaField name={['form', 'opinion']} label="审核意见" max={2000} rows={3} />
    </>
  );
}
