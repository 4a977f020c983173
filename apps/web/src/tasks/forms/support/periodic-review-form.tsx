// 半年核查 the periodic review: each member's income of the past year by kind, the nine indicators
// (一达标两不愁六保障), and the conclusion (继续帮扶 / 调整帮扶计划 / 提议退出). Past the support limit, going on
// needs a justification (the workflow's rule). Rules mirror PeriodicReviewFormDto.

import { Alert, Col, Form, Radio, Row, Typography } from 'antd';
import {
  REVIEW_OUTCOME_LABELS,
  REVIEW_OUTCOMES,
  WELLBEING_INDICATOR_LABELS,
  WELLBEING_INDICATORS,
  type ReviewOutcome,
} from '@libs/domain';
import type { TaskFormProps } from '../form-props';
import { YesNoField } from '../fields';
import { MemberIncomesField } from '../member-incomes';
import { TextAreaField, labelOptions } from './fields';

export default function PeriodicReviewForm({ form, task }: TaskFormProps) {
  const payload = (task.payload ?? {}) as { round?: number; limitReached?: boolean };
  const outcome = Form.useWatch(['form', 'outcome'], form) as ReviewOutcome | undefined;
  const justificationNeeded = !!payload.limitReached && outcome !== undefined && outcome !== 'proposeExit';

  return (
    <>
      {payload.limitReached && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message="帮扶已满一年：继续帮扶或调整帮扶计划须填写理由"
        />
      )}
      <Typography.Title level={5}>上年度收入（元/年）</Typography.Title>
      <MemberIncomesField caseId={task.caseId} form={form} reason="半年核查：填写家庭成员收入" />

      <Typography.Title level={5}>一达标两不愁六保障</Typography.Title>
      <Row gutter={16}>
        {WELLBEING_INDICATORS.map((indicator) => (
          <Col key={indicator} xs={24} md={12} lg={8}>
            <YesNoField
              name={['form', 'indicators', indicator]}
              label={WELLBEING_INDICATOR_LABELS[indicator]}
            />
          </Col>
        ))}
      </Row>

      <Typography.Title level={5}>
        核查结论{payload.round ? `（第 ${payload.round} 次）` : ''}
      </Typography.Title>
      <Form.Item
        name={['form', 'outcome']}
        label="核查结论"
        rules={[{ required: true, message: '请选择核查结论' }]}
      >
        <Radio.Group options={labelOptions(REVIEW_OUTCOME_LABELS, REVIEW_OUTCOMES)} optionType="button" />
      </Form.Item>
      <TextAreaField
        name={['form', 'justification']}
        label="继续帮扶的理由"
        min={5}
        max={2000}
        required={justificationNeeded}
      />
      <TextAreaField name={['form', 'notes']} label="核查情况说明" max={5000} rows={4} />
    </>
  );
}
