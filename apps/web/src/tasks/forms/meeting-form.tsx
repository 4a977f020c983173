// 民主评议 democratic appraisal and 村民代表会 the exit meeting: the meeting's date, attendance, the votes
// (together no more than those present; approving takes more than half of them) and its minutes. Rules
// mirror MeetingFormDto; the votes are checked by the domain's meetingProblems, as the server checks them.

import { Col, Form, InputNumber, Row, type InputNumberProps } from 'antd';
import type { Rule } from 'antd/es/form';
import { meetingProblems } from '@libs/domain';
import type { TaskFormProps } from './form-props';
import { PastDateField, TextAreaField } from './support/fields';

const count = (label: string, min: number): Rule[] => [
  { required: true, message: `请填写${label}` },
  { type: 'integer', message: '应为整数' },
  { type: 'number', min, message: min > 0 ? `至少 ${min} 人` : '不能为负数' },
  { type: 'number', max: 10_000, message: '不能超过 10000' },
];

/** A head count or a vote count; Form.Item hands it its value and onChange. */
function CountInput({ unit, ...props }: InputNumberProps<number> & { unit: string }) {
  return (
    <InputNumber
      precision={0}
      inputMode="numeric"
      size="large"
      style={{ width: '100%' }}
      addonAfter={unit}
      {...props}
    />
  );
}

export default function MeetingForm({ decision }: TaskFormProps) {
  return (
    <>
      <PastDateField name={['form', 'heldOn']} label="会议日期" required />
      <Row gutter={12}>
        <Col xs={24} sm={8}>
          <Form.Item name={['form', 'attendees']} label="出席人数" rules={count('出席人数', 1)}>
            <CountInput min={1} unit="人" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item
            name={['form', 'votesFor']}
            label="同意票"
            dependencies={[
              ['form', 'attendees'],
              ['form', 'votesAgainst'],
            ]}
            rules={[
              ...count('同意票数', 0),
              ({ getFieldValue }) => ({
                validator: async (_, votesFor?: number) => {
                  const attendees = getFieldValue(['form', 'attendees']) as number | undefined;
                  const votesAgainst = (getFieldValue(['form', 'votesAgainst']) as number | undefined) ?? 0;
                  if (votesFor === undefined || attendees === undefined) return;
                  const [problem] = meetingProblems({ attendees, votesFor, votesAgainst }, decision);
                  if (problem) throw new Error(problem.message);
                },
              }),
            ]}
          >
            <CountInput min={0} unit="票" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item name={['form', 'votesAgainst']} label="反对票" rules={count('反对票数', 0)}>
            <CountInput min={0} unit="票" />
          </Form.Item>
        </Col>
      </Row>
      <TextAreaField name={['form', 'minutes']} label="会议记录" min={2} max={5000} rows={4} />
    </>
  );
}
