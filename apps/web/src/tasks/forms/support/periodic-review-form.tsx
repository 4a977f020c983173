// 半年核查 the periodic review: each member's income of the past year by kind, the nine indicators
// (一达标两不愁六保障), and the conclusion (继续帮扶 / 调整帮扶计划 / 提议退出). Past the support limit, going on
// needs a justification (the workflow's rule). Rules mirror PeriodicReviewFormDto.

import { Alert, Card, Col, Form, Radio, Row, Typography } from 'antd';
import { useEffect } from 'react';
import {
  INCOME_KINDS,
  REVIEW_OUTCOME_LABELS,
  REVIEW_OUTCOMES,
  WELLBEING_INDICATOR_LABELS,
  WELLBEING_INDICATORS,
  type IncomeKind,
  type ReviewOutcome,
} from '@domain';
import type { TaskFormProps } from '../form-props';
import { AmountField, TextAreaField, labelOptions } from './fields';
import { useRevealedMembers } from './revealed-members';

const INCOMES = ['form', 'incomes'];

// As MemberIncomeDto describes them (国家统计口径).
const INCOME_LABELS: Record<IncomeKind, string> = {
  wages: '工资性收入',
  business: '经营净收入',
  property: '财产净收入',
  transfer: '转移净收入',
};

const SECURED = [
  { value: true, label: '是' },
  { value: false, label: '否' },
];

export default function PeriodicReviewForm({ form, task }: TaskFormProps) {
  const payload = (task.payload ?? {}) as { round?: number; limitReached?: boolean };
  const members = useRevealedMembers(String(task.caseId), '半年核查：填写家庭成员收入');
  const outcome = Form.useWatch(['form', 'outcome'], form) as ReviewOutcome | undefined;
  const justificationNeeded = !!payload.limitReached && outcome !== undefined && outcome !== 'proposeExit';

  // One income line per member, in the household's order, unless a draft already holds them.
  useEffect(() => {
    if (!members.data || form.getFieldValue(INCOMES)?.length) return;
    form.setFieldValue(
      INCOMES,
      members.data.map((m) => ({ idNumber: m.idNumber })),
    );
  }, [members.data, form]);

  const nameOf = (idNumber?: string) => members.data?.find((m) => m.idNumber === idNumber)?.name ?? '成员';

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
      {members.isError && (
        <Alert type="error" showIcon message={members.error.message} style={{ marginBottom: 16 }} />
      )}
      <Form.List name={INCOMES}>
        {(fields) =>
          fields.map((field) => (
            <Card
              key={field.key}
              size="small"
              style={{ marginBottom: 12 }}
              title={nameOf(form.getFieldValue([...INCOMES, field.name, 'idNumber']))}
              loading={members.isPending}
            >
              <Form.Item name={[field.name, 'idNumber']} hidden>
                <input />
              </Form.Item>
              <Row gutter={16}>
                {INCOME_KINDS.map((kind) => (
                  <Col key={kind} xs={12} lg={6}>
                    <AmountField name={[field.name, kind]} label={INCOME_LABELS[kind]} required />
                  </Col>
                ))}
              </Row>
            </Card>
          ))
        }
      </Form.List>

      <Typography.Title level={5}>一达标两不愁六保障</Typography.Title>
      <Row gutter={16}>
        {WELLBEING_INDICATORS.map((indicator) => (
          <Col key={indicator} xs={24} md={12} lg={8}>
            <Form.Item
              name={['form', 'indicators', indicator]}
              label={WELLBEING_INDICATOR_LABELS[indicator]}
              rules={[{ required: true, message: '请选择' }]}
            >
              {/* Named as a group (antd passes role and aria-* through, though its type omits role), so
                  that it reads as one question with two answers. */}
              <Radio.Group
                {...{ role: 'radiogroup' }}
                aria-label={WELLBEING_INDICATOR_LABELS[indicator]}
                options={SECURED}
              />
            </Form.Item>
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
