// 入户调查 the home survey: on the day of the visit, each member's income, the nine indicators
// (一达标两不愁六保障), the poverty causes, the special-hardship and elderly flags, notes, and photos from the
// phone's camera. Rules mirror HomeSurveyFormDto; the server checks the incomes cover exactly the household.

import { Divider } from 'antd';
import { WELLBEING_INDICATOR_LABELS, WELLBEING_INDICATORS } from '@libs/domain';
import type { TaskFormProps } from './form-props';
import { AttachmentsField, PovertyCausesField, YesNoField } from './fields';
import { HitsList, payloadHits } from './hits-list';
import { MemberIncomesField } from './member-incomes';
import { PastDateField, TextAreaField } from './support/fields';

export default function HomeSurveyForm({ task, form }: TaskFormProps) {
  return (
    <>
      <HitsList hits={payloadHits(task.payload)} title="大数据比对发现的情况（请入户核实）" />
      <PastDateField name={['form', 'surveyedOn']} label="调查日期" required />
      <Divider orientation="left">上年度收入（元/年）</Divider>
      <MemberIncomesField caseId={task.caseId} form={form} reason="入户调查：填写家庭成员收入" />
      <Divider orientation="left">一达标两不愁六保障（已达到/有保障选“是”）</Divider>
      {WELLBEING_INDICATORS.map((indicator) => (
        <YesNoField
          key={indicator}
          name={['form', 'indicators', indicator]}
          label={WELLBEING_INDICATOR_LABELS[indicator]}
        />
      ))}
      <Divider orientation="left">致贫原因与特殊情况</Divider>
      <PovertyCausesField />
      <YesNoField name={['form', 'specialHardshipGroup']} label="属特殊困难人群" required={false} />
      <YesNoField name={['form', 'elderlyPoor']} label="家中有60周岁以上贫困老人" required={false} />
      <TextAreaField name={['form', 'notes']} label="调查情况说明" max={5000} rows={4} />
      <AttachmentsField caseId={task.caseId} label="现场照片" camera />
    </>
  );
}
