// What may be done to the case as a whole, where its stage and the user's role allow: 特事特办 (mark it
// urgent) while it is open, 撤回申请 before the plan, 提出异议 during the public notice, 返贫重新纳入 during
// observation. Each is a modal with the DTO's
// fields; the server's refusals land on those fields, and one Idempotency-Key per opening makes a double
// click one request.

import { Alert, Button, Form, Input, Modal, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { WITHDRAWABLE_STAGES, type Role } from '@libs/domain';
import { api, unwrap, type Schemas } from '../api/client';
import { attemptKey } from '../shared/attempt-key';
import { showServerErrors } from '../shared/server-errors';
import type { CaseDetail } from './case-api';
import { requiredText } from '../shared/text-rules';

type Body = Record<string, string>;
/** What an action answers; a relapse names the new case the work goes on in. */
type Answer = Promise<{ reEnrolledAs?: string | null }>;

interface CaseAction {
  label: string;
  roles: readonly Role[];
  allowed: (c: CaseDetail) => boolean;
  intro: string;
  fields: ReactNode;
  submit: (id: string, body: Body, key: string) => Answer;
}

const CASE_ROLES: readonly Role[] = ['caseworker', 'townshipReviewer', 'countyOfficer'];

const textRule = (message: string) => [
  { required: true, whitespace: true, message },
  { min: 2, max: 2000, message: '2–2000 个字' },
];

const reasonField = (label: string, placeholder: string) => (
  <Form.Item name="reason" label={label} rules={textRule(`请填写${label}`)}>
    <Input.TextArea rows={3} maxLength={2000} showCount placeholder={placeholder} />
  </Form.Item>
);

const ACTIONS: CaseAction[] = [
  {
    label: '特事特办',
    roles: ['countyOfficer', 'supervisor', 'admin'],
    allowed: (c) => c.status === 'open' && !c.urgent,
    intro:
      '案件及其未办任务标记为紧急，此后各步骤按紧急时限办理；县中心随即收到临时救助任务（24 小时内办结）。',
    fields: reasonField('特事特办理由', '如：户主家中突发火灾，房屋损毁'),
    submit: (id, body) =>
      unwrap(
        api.POST('/supervision/cases/{caseId}/mark-urgent', {
          params: { path: { caseId: id } },
          body: { reason: body.reason },
        }),
      ).then(() => ({})),
  },
  {
    label: '撤回申请',
    roles: CASE_ROLES,
    allowed: (c) => c.status === 'open' && WITHDRAWABLE_STAGES.includes(c.stage),
    intro: '撤回后案件办结，未办任务一并撤销，并通知相关人员。',
    fields: reasonField('撤回理由', '如：申请人家庭收入已好转，本人申请撤回'),
    submit: (id, body, key) =>
      unwrap(
        api.POST('/cases/{id}/withdraw', {
          params: { path: { id }, header: { 'idempotency-key': key } },
          body: { reason: body.reason },
        }),
      ),
  },
  {
    label: '提出异议',
    roles: CASE_ROLES,
    allowed: (c) => c.status === 'open' && c.stage === 'publicNotice',
    intro: '公示期内登记村民的异议，村工作专员将收到异议调查任务。',
    fields: (
      <>
        <Form.Item
          name="objector"
          label="异议人"
          rules={requiredText('请填写异议人（可填“匿名”）', { max: 50 })}
        >
          <Input maxLength={50} placeholder="如：村民张某，或“匿名”" />
        </Form.Item>
        <Form.Item name="content" label="异议内容" rules={textRule('请填写异议内容')}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </>
    ),
    submit: (id, body, key) =>
      unwrap(
        api.POST('/cases/{id}/objections', {
          params: { path: { id }, header: { 'idempotency-key': key } },
          body: { objector: body.objector, content: body.content },
        }),
      ),
  },
  {
    label: '返贫重新纳入',
    roles: [...CASE_ROLES, 'departmentOfficer'],
    allowed: (c) => c.status === 'open' && c.stage === 'observation',
    intro: '持续关注期内返贫的家庭即时纳入为新案件，并关联本案件。',
    fields: reasonField('返贫情况', '如：户主突发重病，家庭收入骤降'),
    submit: (id, body, key) =>
      unwrap(
        api.POST('/cases/{id}/relapse', {
          params: { path: { id }, header: { 'idempotency-key': key } },
          body: { reason: body.reason },
        }),
      ),
  },
];

export function CaseActions({ caseView, me }: { caseView: CaseDetail; me: Schemas['MeResponseDto'] }) {
  const [open, setOpen] = useState<CaseAction>();
  const available = ACTIONS.filter((a) => a.roles.includes(me.role as Role) && a.allowed(caseView));
  if (available.length === 0) return null;
  return (
    <Space wrap>
      {available.map((action) => (
        <Button key={action.label} danger={action.label === '撤回申请'} onClick={() => setOpen(action)}>
          {action.label}
        </Button>
      ))}
      {open && <CaseActionModal action={open} caseId={caseView.id} onClose={() => setOpen(undefined)} />}
    </Space>
  );
}

function CaseActionModal({
  action,
  caseId,
  onClose,
}: {
  action: CaseAction;
  caseId: string;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Body>();
  const [banner, setBanner] = useState<string>();
  const [key] = useState(attemptKey);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const mutation = useMutation({
    mutationFn: (body: Body) => action.submit(caseId, body, key),
    onMutate: () => setBanner(undefined),
    onSuccess: async (answer) => {
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
      onClose();
      // A relapse opens a new case: that is where the work goes on.
      if (answer.reEnrolledAs) void navigate(`/cases/${answer.reEnrolledAs}`);
    },
    onError: (error) => setBanner(showServerErrors(form, error)),
  });
  return (
    <Modal
      open
      title={action.label}
      okText="提交"
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={action.intro} />
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => mutation.mutate(values)}
        disabled={mutation.isPending}
      >
        {action.fields}
      </Form>
      {banner && <Alert type="error" showIcon message={banner} />}
    </Modal>
  );
}
