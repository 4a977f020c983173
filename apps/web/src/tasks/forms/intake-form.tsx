// 受理登记 intake of a department referral or a monitoring alert: the household signs the data consent
// (授权承诺书) before the data check may run, and the caseworker records the poverty causes. Rules mirror
// IntakeFormDto.

import { Checkbox, Form } from 'antd';
import type { TaskFormProps } from './form-props';
import { PovertyCausesField } from './fields';
import { PastDateField } from './support/fields';

export default function IntakeForm(_: TaskFormProps) {
  return (
    <>
      <Form.Item
        name={['form', 'dataConsent', 'signed']}
        valuePropName="checked"
        rules={[
          {
            validator: async (_, value) => {
              if (value !== true) throw new Error('须签署授权承诺书后才能受理');
            },
          },
        ]}
      >
        <Checkbox>已签署授权承诺书（同意查询家庭及直系亲属信息）</Checkbox>
      </Form.Item>
      <PastDateField name={['form', 'dataConsent', 'signedAt']} label="签署日期" required />
      <PovertyCausesField />
    </>
  );
}
