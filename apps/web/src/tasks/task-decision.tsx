// The form of an open task and its decisions. One antd Form holds the kind's fields (under form.*), kept as
// a draft while it is open; approving validates and submits them, returning and refusing ask why first.
// Each attempt carries one Idempotency-Key, so a double click decides once.

import { Alert, App, Button, Flex, Form, Spin } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useNavigate } from 'react-router-dom';
import type { Decision } from '@libs/domain';
import { ApiError, type Schemas } from '../api/client';
import { showServerErrors } from '../shared/server-errors';
import { DecisionModal, type Declining, type DecliningValues } from './decision-modal';
import { FORM_ON_DECLINE, taskForms } from './forms/registry';
import { type Completion, nextTask, prepareTaskPage, type Task, useComplete } from './task-api';
import { attemptKey } from '../shared/attempt-key';
import { clearDraft, readDraft, saveDraft } from '../shared/draft';

interface PageValues {
  reason?: string;
  form?: Record<string, unknown>;
}

export function TaskDecision({ task, caseView }: { task: Task; caseView: Schemas['CaseDetailDto'] }) {
  const [form] = Form.useForm<PageValues>();
  const [declineForm] = Form.useForm<DecliningValues>();
  const [decision, setDecision] = useState<Decision>();
  const [declining, setDeclining] = useState<Declining>();
  const [banner, setBanner] = useState<string>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const complete = useComplete(task);
  const initialValues = useMemo(() => readDraft<Record<string, unknown>>(`taskDraft.${task.id}`), [task.id]);
  // One key per attempt: a repeated click resends the same attempt; a refused one makes the next a new one.
  const key = useRef(attemptKey());
  const sending = useRef(false);
  const KindForm = taskForms[task.kind];
  const sendsFormOnDecline = FORM_ON_DECLINE.includes(task.kind);

  async function send(completion: Omit<Completion, 'idempotencyKey'>) {
    if (sending.current) return;
    sending.current = true;
    setBanner(undefined);
    try {
      await complete.mutateAsync({ ...completion, idempotencyKey: key.current });
      clearDraft(`taskDraft.${task.id}`);
      const label = task.allowedDecisions.find((d) => d.decision === completion.decision)?.label;
      const next = await nextTask().catch(() => undefined);
      if (next) prepareTaskPage(queryClient, next);
      message.success(`「${task.kindLabel}」已办理：${label}${next ? '，已打开下一个任务' : ''}`);
      void navigate(next ? `/tasks/${encodeURIComponent(next.id)}` : '/');
    } catch (error) {
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) key.current = attemptKey();
      if (error instanceof ApiError && error.status === 409) {
        // Decided by someone else, or changed since it was opened: the task reloads (useComplete).
        message.error(error.message);
        setDeclining(undefined);
      } else if (declining) {
        showServerErrors(form, error, ['form']);
        setBanner(showServerErrors(declineForm, error, ['form']));
      } else {
        setBanner(showServerErrors(form, error, ['form']));
      }
    } finally {
      sending.current = false;
    }
  }

  /** The page's fields, validated with the rules of `next` (some hold only on approval). */
  async function validated(next: Decision): Promise<PageValues | undefined> {
    // The kind's rules for this decision are in place before the check (a re-render only when it changes).
    if (next !== decision) flushSync(() => setDecision(next));
    try {
      return await form.validateFields();
    } catch {
      setBanner('表单有误，请按提示修改');
      return undefined;
    }
  }

  async function approve() {
    const values = await validated('approve');
    if (values)
      await send({ decision: 'approve', reason: values.reason?.trim() || undefined, form: values.form });
  }

  async function decline(next: Declining) {
    if (sendsFormOnDecline && !(await validated(next))) return;
    setDecision(next);
    setDeclining(next);
  }

  function submitDecline(values: DecliningValues) {
    if (!declining) return;
    const pageForm = sendsFormOnDecline ? form.getFieldsValue().form : undefined;
    const merged = pageForm || values.form ? { ...pageForm, ...values.form } : undefined;
    void send({ decision: declining, reason: values.reason.trim(), form: merged });
  }

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onValuesChange={(_, all) => {
        saveDraft(`taskDraft.${task.id}`, all);
        setBanner(undefined);
      }}
      scrollToFirstError
      disabled={complete.isPending}
    >
      {KindForm && (
        <Suspense fallback={<Spin />}>
          <KindForm task={task} caseView={caseView} form={form} decision={decision} />
        </Suspense>
      )}
      {banner && !declining && <Alert type="error" showIcon message={banner} style={{ marginBottom: 16 }} />}
      <Flex gap={12} wrap>
        {task.allowedDecisions.map(({ decision: d, label }) => (
          <Button
            key={d}
            size="large"
            type={d === 'approve' ? 'primary' : 'default'}
            danger={d === 'reject'}
            loading={complete.isPending && decision === d}
            disabled={complete.isPending}
            onClick={() => (d === 'approve' ? approve() : decline(d))}
            style={{ flex: '1 1 160px' }}
          >
            {label}
          </Button>
        ))}
      </Flex>
      <DecisionModal
        kind={task.kind}
        decision={declining}
        form={declineForm}
        submitting={complete.isPending}
        error={banner}
        onCancel={() => {
          setDeclining(undefined);
          setBanner(undefined);
        }}
        onSubmit={submitDecline}
      />
    </Form>
  );
}
