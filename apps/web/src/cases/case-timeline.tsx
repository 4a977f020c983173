// 留痕 the case's history as a timeline: who did what, in which role, when, and why.

import { Alert, Card, Timeline, Typography } from 'antd';
import {
  ROLE_LABELS,
  STAGE_LABELS,
  TASK_KINDS,
  taskStep,
  type CaseStage,
  type Decision,
  type Role,
  type TaskKind,
  AUDIT_ACTION_LABELS,
} from '@libs/domain';
import { useCaseHistory, type AuditEvent } from './case-api';
import { formatTime } from './format';

// A task's id is `<case>:<kind>:<n>` (or deeper for measures): its kind is the segment that names one.
function taskKindOf(event: AuditEvent): TaskKind | undefined {
  const after = event.after as { kind?: TaskKind } | null;
  if (after?.kind && TASK_KINDS.includes(after.kind)) return after.kind;
  return event.entityId.split(':').find((part): part is TaskKind => TASK_KINDS.includes(part as TaskKind));
}

/** What happened, in a line: the action and what it was about (the stage, the task and its decision). */
export function describeEvent(event: AuditEvent): string {
  const action = AUDIT_ACTION_LABELS[event.action] ?? event.action;
  const after = (event.after ?? {}) as { stage?: CaseStage; decision?: Decision; eligible?: boolean };
  if (event.entityType === 'case' && after.stage) return `${action}：${STAGE_LABELS[after.stage]}`;
  if (event.action === 'case.evaluated') return `${action}：${after.eligible ? '符合' : '不符合'}认定条件`;
  const kind = event.entityType === 'task' ? taskKindOf(event) : undefined;
  if (!kind) return action;
  const step = taskStep(kind);
  const decision = after.decision ? step.decisionLabels[after.decision] : undefined;
  return `${action}：${step.label}${decision ? `（${decision}）` : ''}`;
}

const actorLabel = (actor: AuditEvent['actor']) =>
  actor.role === 'system' ? '系统' : `${actor.username}（${ROLE_LABELS[actor.role as Role] ?? actor.role}）`;

export function CaseTimeline({ caseId }: { caseId: string }) {
  const history = useCaseHistory(caseId);
  if (history.isError)
    return <Alert type="error" showIcon message={`办理记录加载失败：${history.error.message}`} />;
  // Newest first: what a person opening the case wants to see.
  const events = [...(history.data ?? [])].reverse();
  return (
    <Card title="办理记录" role="region" aria-label="办理记录" loading={history.isPending}>
      <Timeline
        items={events.map((event) => ({
          key: event.id,
          color: event.action === 'case.closed' ? 'gray' : event.actor.role === 'system' ? 'blue' : 'green',
          children: (
            <>
              <div>{describeEvent(event)}</div>
              <Typography.Text type="secondary">
                {formatTime(event.occurredAt)} · {actorLabel(event.actor)}
              </Typography.Text>
              {event.reason && <div>理由：{event.reason}</div>}
            </>
          ),
        }))}
      />
    </Card>
  );
}
