// 全程留痕 a case's full history for an inspector: who decided what, when, in which role, on what evidence
// (the form's values, the files cited, the reason), oldest first; overrides of disqualifying hits and
// refused decisions stand out. Read-only; a vertical timeline that reads on a phone as well.

import { Alert, Card, Descriptions, Flex, Segmented, Space, Tag, Timeline, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ROLE_LABELS, type Role } from '@libs/domain';
import { useAttachments, useCase, useCaseHistory, type AuditEvent } from '../cases/case-api';
import { CaseAttachments } from '../cases/case-attachments';
import { CaseHeading, CaseLoadFailure, householdHead } from '../cases/case-heading';
import { describeEvent } from '../cases/case-timeline';
import { formatTime } from '../cases/format';
import { FormValues, hitText } from './history-evidence';

// What an inspector looks at first: decisions, overrides, refusals and what the case became.
const DECISIONS = new Set([
  'case.created',
  'case.closed',
  'case.evaluated',
  'case.markedUrgent',
  'task.completed',
  'task.relativeRefused',
  'dataCheck.completed',
  'dataCheck.overridden',
  'personalData.revealed',
  'personalData.revealRefused',
]);

const FLAGGED = new Set(['dataCheck.overridden', 'task.relativeRefused', 'personalData.revealRefused']);

const actorText = (actor: AuditEvent['actor']) =>
  actor.role === 'system'
    ? '系统（流程）'
    : `${actor.username} · ${ROLE_LABELS[actor.role as Role] ?? actor.role}`;

function eventColor(event: AuditEvent): string {
  if (FLAGGED.has(event.action)) return 'red';
  if (event.action === 'task.completed') return 'green';
  return event.actor.role === 'system' ? 'gray' : 'blue';
}

function HistoryEntry({
  event,
  attachmentNames,
}: {
  event: AuditEvent;
  attachmentNames: Map<string, string>;
}) {
  const after = (event.after ?? {}) as { form?: Record<string, unknown> | null; attachmentIds?: unknown[] };
  const before = (event.before ?? {}) as { disqualifyingHits?: unknown[] };
  const overridden = event.action === 'dataCheck.overridden';
  const body = (
    <Space direction="vertical" size={2} style={{ width: '100%' }}>
      <Space wrap size={4}>
        <Typography.Text strong>{describeEvent(event)}</Typography.Text>
        {overridden && <Tag color="red">命中排除</Tag>}
        {event.action === 'task.relativeRefused' && <Tag color="volcano">亲属回避拒绝</Tag>}
      </Space>
      <Typography.Text type="secondary">
        {formatTime(event.occurredAt)} · {actorText(event.actor)}
      </Typography.Text>
      {overridden && before.disqualifyingHits && (
        <div>被排除的命中：{before.disqualifyingHits.map(hitText).join('；') || '—'}</div>
      )}
      {event.reason && <div>理由：{event.reason}</div>}
      {overridden && Array.isArray(after.attachmentIds) && after.attachmentIds.length > 0 && (
        <div>
          证据附件：
          {after.attachmentIds.map((id) => attachmentNames.get(String(id)) ?? String(id)).join('、')}
        </div>
      )}
      {after.form && typeof after.form === 'object' && (
        <FormValues form={after.form} attachmentNames={attachmentNames} />
      )}
    </Space>
  );
  return overridden ? (
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
  const attachments = useAttachments(id);
  const [shown, setShown] = useState<'decisions' | 'all'>('decisions');
  const attachmentNames = useMemo(
    () => new Map((attachments.data ?? []).map((a) => [a.id, a.fileName])),
    [attachments.data],
  );

  if (caseView.isPending) return <Card loading />;
  if (caseView.isError)
    return <CaseLoadFailure error={caseView.error} back={{ to: '/inspection', label: '返回监督检查' }} />;
  const c = caseView.data;
  const head = householdHead(c);
  const events = (history.data ?? []).filter((e) => shown === 'all' || DECISIONS.has(e.action));
  const overrides = (history.data ?? []).filter((e) => e.action === 'dataCheck.overridden').length;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Flex wrap justify="space-between" align="center" gap="small">
          <CaseHeading caseView={c} prefix="全程留痕：">
            {overrides > 0 && <Tag color="red">比对命中排除 {overrides} 次</Tag>}
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
              { value: 'decisions', label: '决定与排除' },
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
