// 退回 and 不予通过 ask why (the server's CompleteTaskDto: 2–2000 characters), and a review's return where the
// case goes back to: any earlier step of the procedure, the one just before by default.

import { Alert, Form, Input, Modal, Radio, Typography, type FormInstance } from 'antd';
import { returnTarget, returnTargets, taskStep, type TaskKind } from '@libs/domain';

export type Declining = 'reject' | 'return';

// The review forms (ReviewFormDto) carry returnTo; every other step returns to a fixed one.
const RETURN_TO_KINDS: readonly TaskKind[] = ['townshipReview', 'recognition'];

export interface DecliningValues {
  reason: string;
  form?: { returnTo?: string };
}

export function DecisionModal({
  kind,
  decision,
  form,
  submitting,
  error,
  onCancel,
  onSubmit,
}: {
  kind: TaskKind;
  decision: Declining | undefined;
  form: FormInstance<DecliningValues>;
  submitting: boolean;
  error: string | undefined;
  onCancel: () => void;
  onSubmit: (values: DecliningValues) => void;
}) {
  const label = decision ? taskStep(kind).decisionLabels[decision] : undefined;
  const choosesStep = decision === 'return' && RETURN_TO_KINDS.includes(kind);
  const targets = returnTargets(kind);
  return (
    <Modal
      open={decision !== undefined}
      title={label}
      okText="确认提交"
      okButtonProps={{ danger: decision === 'reject', loading: submitting }}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={onSubmit}
        initialValues={choosesStep ? { form: { returnTo: returnTarget(kind) } } : undefined}
      >
        {choosesStep && (
          <Form.Item label="退回到" required>
            <div role="radiogroup" aria-label="退回到">
              <Form.Item name={['form', 'returnTo']} noStyle rules={[{ required: true, message: '请选择' }]}>
                <Radio.Group
                  options={targets.map((step) => ({ value: step, label: taskStep(step).label }))}
                  optionType="button"
                  buttonStyle="solid"
                  size="large"
                />
              </Form.Item>
            </div>
          </Form.Item>
        )}
        {decision === 'return' && !choosesStep && (
          <Typography.Paragraph>退回到：{taskStep(returnTarget(kind)).label}</Typography.Paragraph>
        )}
        <Form.Item
          name="reason"
          label={decision === 'return' ? '退回理由' : '不予通过的理由'}
          rules={[
            { required: true, whitespace: true, message: '请填写理由' },
            { min: 2, message: '至少 2 个字' },
            { max: 2000, message: '不能超过 2000 个字' },
          ]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount autoFocus />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} />}
      </Form>
    </Modal>
  );
}
