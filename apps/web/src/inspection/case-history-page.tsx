// 全程留痕 a case's full history for an inspector, from one request: who decided what, when, in which role,
// on what evidence (the form's values, the files cited by name, the reason), oldest first; overrides of
// disqualifying hits and refused attempts flagged, reveals of personal data, reassignments and urgent marks
// beside the decisions. Read-only; a vertical timeline that reads on a phone as well.

import { Alert, Card, Descriptions, Flex, Segmented, Space, Tag, Timeline, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ROLE_LABELS, type Role } from '@libs/domain';
import type { Schemas } from '../api/client';
import { useCase, useCaseHistory } from '../cases/case-api';
import { CaseAttachments } from '../cases/case-attachments';
import { CaseHeading, CaseLoadFailure, householdHead } from '../cases/case-heading';
import { describeEvent } from '../cases/case-timeline';
import { formatTime } from '../cases/format';
import { FormValues, hitText } from './history-evidence';

type HistoryEvent = Schemas['CaseHistoryEventDto'];

// What each kind of event is called beside it; decisions and plain records need no tag.
const KIND_TAGS: Partial<Record<HistoryEvent['kind'], { label: string; color: string }>> = {
  override: { label: '命中排除', color: 'red' },
  refusal: { label: '被拒', color: 'volcano' },
  personalData: { label: '查看个人信息', color: 'purple' },
  reassignment: { label: '认领/改派', color: 'cyan' },
  urgency: { label: '紧急/督办', color: 'orange' },
};

const actorText = (actor: HistoryEvent['actor']) =>
  actor.role === 'system'
    ? '系统（流程）'
    : `${actor.username} · ${ROLE_LABELS[actor.role as Role] ?? actor.role}`;

function eventColor(event: HistoryEvent): string {
  if (event.flagged) return 'red';
  if (event.action === 'task.completed') return 'green';
  return event.actor.role === 'system' ? 'gray' : 'blue';
}

const attachmentText = (attachments: HistoryEvent['attachments']) =>
  attachments.map((a) => a.fileName ?? `附件 ${a.id.slice(0, 8)}（已不在案件中）`).join('、');

function HistoryEntry({
  event,
  attachmentNames,
}: {
  event: HistoryEvent;
  attachmentNames: Map<string, string>;
}) {
  const after = (event.after ?? {}) as { form?: Record<string, unknown> | null };
  const before = (event.before ?? {}) as { disqualifyingHits?: unknown[] };
  const overridden = event.kind === 'override';
  const tag = KIND_TAGS[event.kind];
  const body = (
    <Space direction="vertical" size={2} style={{ width: '100%' }}>
      <Space wrap size={4}>
        <Typography.Text strong>{describeEvent(event)}</Typography.Text>
        {tag && <Tag color={tag.color}>{tag.label}</Tag>}
        {event.flagged && !overridden && <Tag color="red">需关注</Tag>}
      </Space>
      <Typography.Text type="secondary">
        {formatTime(event.occurredAt)} · {actorText(event.actor)}
      </Typography.Text>
      {overridden && before.disqualifyingHits && (
        <div>被排除的命中：{before.disqualifyingHits.map(hitText).join('；') || '—'}</div>
      )}
      {event.reason && <div>理由：{event.reason}</div>}
      {overridden && event.attachments.length > 0 && <div>证据附件：{attachmentText(event.attachments)}</div>}
      {after.form && typeof after.form === 'object' && (
        <FormValues form={after.form} attachmentNames={attachmentNames} />
      )}
    </Space>
  );
  return event.flagged ? (
    <div style={{ background: '#fff1f0', border: '1px solid #ffa39e', borderRadius: 6, padding: 8 }}>
      {body}
    </div>
  ) : (
    body
  );
}

export function CaseHistoryPage() {
  const { id = '' } = useParams();
  const caseView = useCase(id);
  const history = useCaseHistory(id);
  const [shown, setShown] = useState<'decisions' | 'all'>('decisions');
  // The names of the files the events cite, as the history answers them.
  const attachmentNames = useMemo(
    () =>
      new Map(
        (history.data ?? []).flatMap((e) =>
          e.attachments.flatMap((a) => (a.fileName ? [[a.id, a.fileName]] : [])),
        ),
      ),
    [history.data],
  );

  if (caseView.isPending) return <Card loading />;
  if (caseView.isError)
    return <CaseLoadFailure error={caseView.error} back={{ to: '/inspection', label: '返回监督检查' }} />;
  const c = caseView.data;
  const head = householdHead(c);
  const events = (history.data ?? []).filter((e) => shown === 'all' || e.kind !== 'record' || e.flagged);
  const overrides = (history.data ?? []).filter((e) => e.kind === 'override').length;
  const otherFlags = (history.data ?? []).filter((e) => e.flagged && e.kind !== 'override').length;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Flex wrap justify="space-between" align="center" gap="small">
          <CaseHeading caseView={c} prefix="全程留痕：">
            {overrides > 0 && <Tag color="red">比对命中排除 {overrides} 次</Tag>}
            {otherFlags > 0 && <Tag color="volcano">需关注 {otherFlags} 条</Tag>}
          </CaseHeading>
          <Space wrap>
            <Link to={`/cases/${c.id}`}>案件详情</Link>
            <Link to={`/inspection?tab=events&caseId=${c.id}`}>留痕检索</Link>
          </Space>
        </Flex>
        <Descriptions size="small" style={{ marginTop: 12 }} column={{ xs: 1, sm: 2, md: 3 }}>
          <Descriptions.Item label="户主身份证号">{head?.idNumber ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="登记时间">{formatTime(c.createdAt)}</Descriptions.Item>
          {c.outcomeReason && <Descriptions.Item label="办结理由">{c.outcomeReason}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card
        title="办理全过程"
        role="region"
        aria-label="全程留痕"
        loading={history.isPending}
        extra={
          <Segmented
            size="small"
            value={shown}
            onChange={(value) => setShown(value as typeof shown)}
            options={[
              { value: 'decisions', label: '决定与关注' },
              { value: 'all', label: '全部记录' },
            ]}
          />
        }
      >
        {history.isError ? (
          <Alert type="error" showIcon message={`留痕加载失败：${history.error.message}`} />
        ) : (
          <Timeline
            items={events.map((event) => ({
              key: event.id,
              color: eventColor(event),
              children: <HistoryEntry event={event} attachmentNames={attachmentNames} />,
            }))}
          />
        )}
      </Card>
      <CaseAttachments caseId={c.id} canUpload={false} />
    </Space>
  );
}
