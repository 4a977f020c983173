// 流程进度 the lifecycle as antd Steps: each stage passed, current, to come, skipped or where the case ended,
// with its dates; the current one names who acts now and by when.

import { Alert, Card, Steps, Typography, type StepsProps } from 'antd';
import { Link } from 'react-router-dom';
import { useCaseProgress, type CaseProgress, type ProgressStepStatus } from './case-api';
import { formatDate, formatDeadline } from './format';

const STEP_STATUS: Record<ProgressStepStatus, NonNullable<StepsProps['status']>> = {
  passed: 'finish',
  current: 'process',
  pending: 'wait',
  skipped: 'wait',
  rejected: 'error',
};

function stepDescription(step: CaseProgress['steps'][number]) {
  const dates =
    step.enteredAt &&
    `${formatDate(step.enteredAt)}${step.leftAt ? ` 至 ${formatDate(step.leftAt)}` : ' 起'}${step.visits > 1 ? `（${step.visits} 次）` : ''}`;
  return (
    <>
      <div>
        {step.statusLabel}
        {dates ? ` · ${dates}` : ''}
      </div>
      {step.openTasks.map((task) => (
        <div key={task.id}>
          <Link to={`/tasks/${encodeURIComponent(task.id)}`}>{task.kindLabel}</Link>
          <Typography.Text type={task.overdue ? 'danger' : 'secondary'}>
            {' '}
            {task.departmentLabel ?? task.candidateRoleLabel}
            {task.assigneeName ? `（${task.assigneeName}）` : ''} · 时限 {formatDeadline(task.dueAt)}
            {task.workingDaysLeft !== null &&
              (task.workingDaysLeft < 0
                ? ` · 已超期 ${-task.workingDaysLeft} 个工作日`
                : ` · 剩 ${task.workingDaysLeft} 个工作日`)}
          </Typography.Text>
        </div>
      ))}
    </>
  );
}

export function CaseProgressSteps({ caseId }: { caseId: string }) {
  const progress = useCaseProgress(caseId);
  if (progress.isError)
    return <Alert type="error" showIcon message={`流程进度加载失败：${progress.error.message}`} />;
  const steps = progress.data?.steps ?? [];
  const outcome = progress.data?.outcome;
  return (
    <Card title="流程进度" role="region" aria-label="流程进度" loading={progress.isPending}>
      {outcome && (
        <Alert
          style={{ marginBottom: 12 }}
          type={outcome.stage === 'reEnrolled' ? 'info' : 'warning'}
          showIcon
          message={`${outcome.label}${outcome.at ? `（${formatDate(outcome.at)}）` : ''}`}
          description={outcome.reason ?? undefined}
        />
      )}
      <Steps
        direction="vertical"
        size="small"
        current={steps.findIndex((s) => s.status === 'current')}
        items={steps.map((step) => ({
          title: step.label,
          status: STEP_STATUS[step.status],
          description: stepDescription(step),
        }))}
      />
    </Card>
  );
}
