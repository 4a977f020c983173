// 收入 each household member's income of the past year by kind (国家统计口径), one card per member so that
// it reads on a phone. The members come with their full ID numbers from the audited reveal, which the
// answer names them by; the cards show their names.

import { Alert, Card, Col, Form, InputNumber, Row, type FormInstance } from 'antd';
import { useEffect } from 'react';
import { INCOME_KINDS, type IncomeKind, MEMBER_RELATION_LABELS } from '@libs/domain';
import { useRevealedMembers } from './support/revealed-members';

const INCOMES = ['form', 'incomes'];

// As MemberIncomeDto describes them.
export const INCOME_LABELS: Record<IncomeKind, string> = {
  wages: '工资性收入',
  business: '经营净收入',
  property: '财产净收入',
  transfer: '转移净收入',
};

export function MemberIncomesField({
  caseId,
  form,
  reason,
}: {
  caseId: string;
  form: FormInstance;
  reason: string;
}) {
  const members = useRevealedMembers(caseId, reason);

  // One card per member in the household's order, unless a draft already holds them.
  useEffect(() => {
    if (!members.data || form.getFieldValue(INCOMES)?.length) return;
    form.setFieldValue(
      INCOMES,
      members.data.map((m) => ({ idNumber: m.idNumber })),
    );
  }, [members.data, form]);

  const memberOf = (idNumber?: string) => members.data?.find((m) => m.idNumber === idNumber);

  return (
    <>
      {members.isError && (
        <Alert type="error" showIcon message={members.error.message} style={{ marginBottom: 16 }} />
      )}
      <Form.List name={INCOMES}>
        {(fields, _, { errors }) => (
          <>
            {fields.map((field) => {
              const member = memberOf(form.getFieldValue([...INCOMES, field.name, 'idNumber']));
              return (
                <Card
                  key={field.key}
                  size="small"
                  style={{ marginBottom: 12 }}
                  loading={members.isPending}
                  title={
                    member
                      ? `${member.name}（${MEMBER_RELATION_LABELS[member.relation as keyof typeof MEMBER_RELATION_LABELS] ?? member.relation}）`
                      : '家庭成员'
                  }
                >
                  <Form.Item name={[field.name, 'idNumber']} hidden>
                    <input />
                  </Form.Item>
                  <Row gutter={12}>
                    {INCOME_KINDS.map((kind) => (
                      <Col key={kind} xs={12} lg={6}>
                        <Form.Item
                          name={[field.name, kind]}
                          label={INCOME_LABELS[kind]}
                          rules={[
                            { required: true, message: '必填，没有填 0' },
                            { type: 'number', min: 0, message: '不能为负数' },
                            { type: 'number', max: 10_000_000, message: '不能超过 10000000 元' },
                          ]}
                        >
                          {/* No rounding here: an amount read off a pay slip with a third decimal is
                              refused by the server (至多两位小数) rather than silently changed. */}
                          <InputNumber
                            min={0}
                            step={100}
                            inputMode="decimal"
                            addonAfter="元"
                            size="large"
                            style={{ width: '100%' }}
                          />
                        </Form.Item>
                      </Col>
                    ))}
                  </Row>
                </Card>
              );
            })}
            <Form.ErrorList errors={errors} />
          </>
        )}
      </Form.List>
    </>
  );
}
