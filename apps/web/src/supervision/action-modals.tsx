// The supervisor's dialogs on an overdue task: 改派 (hand it to someone eligible, chosen from the server's
// list), and the reasoned actions 特事特办, 立即督办 and an incident's 重试. The server's refusals land on
// the field they name, or above the form in Chinese.

import { Form, Input, Select } from 'antd';
import { ActionModal } from '../shared/action-modal';
import { type Breach, useAssigneeCandidates, useReassign } from './supervision-api';
import { requiredText } from '../shared/text-rules';

export function ReassignModal({ breach, onClose }: { breach: Breach; onClose: () => void }) {
  const [form] = Form.useForm<{ userId: string }>();
  const candidates = useAssigneeCandidates(breach.taskId);
  const reassign = useReassign();

  const items = candidates.data?.items ?? [];
  return (
    <ActionModal<{ userId: string }>
      title={`改派：${breach.kindLabel}`}
      okText="确认改派"
      intro={
        <>
          {breach.villageName} · 须由「{breach.candidateRoleLabel}」办理 · 当前
          {breach.assigneeName ? `由「${breach.assigneeName}」认领` : '无人认领'}
        </>
      }
      form={form}
      pending={reassign.isPending}
      problem={candidates.error?.message}
      onSubmit={async ({ userId }) => {
        const task = await reassign.mutateAsync({ taskId: breach.taskId, userId, version: breach.version });
        return `已改派给「${task.assigneeName ?? ''}」`;
      }}
      onClose={onClose}
    >
      <Form.Item
        name="userId"
        label="接手人"
        rules={[{ required: true, message: '请选择接手人' }]}
        extra={
          candidates.isSuccess && items.length === 0
            ? '您的辖区内没有可接手此任务的人'
            : '括号内为其手头在办的任务数'
        }
      >
        <Select
          loading={candidates.isLoading}
          showSearch
          optionFilterProp="title"
          placeholder="选择可办理此任务的人"
          options={items.map((u) => ({
            value: u.id,
            title: u.displayName,
            disabled: u.current,
            label: `${u.displayName}（${u.jurisdictionName}，在办 ${u.openTasks}）${u.current ? ' · 当前认领人' : ''}`,
          }))}
        />
      </Form.Item>
    </ActionModal>
  );
}

/** A dialog asking why (2–500 characters, as the server checks), then doing the action with the reason. */
export function ReasonModal({
  title,
  intro,
  label,
  okText,
  pending,
  onSubmit,
  onClose,
}: {
  title: string;
  intro: string;
  label: string;
  okText: string;
  pending: boolean;
  /** Resolves with the success message, or throws the server's refusal. */
  onSubmit: (reason: string) => Promise<string>;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <ActionModal<{ reason: string }>
      title={title}
      okText={okText}
      intro={intro}
      form={form}
      pending={pending}
      onSubmit={({ reason }) => onSubmit(reason.trim())}
      onClose={onClose}
    >
      <Form.Item name="reason" label={label} rules={requiredText(`请填写${label}`, { min: 2, max: 500 })}>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </ActionModal>
  );
}
