// 任务 one task: what it is and by when, the case at a glance, the claim, and the form of its kind with the
// decisions its step allows. A decision opens the inbox's next task; a decided task, or one for another
// role, is shown read-only.

import { Alert, App, Button, Card, Col, Descriptions, Result, Row, Space, Spin, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { STAGE_LABELS, taskStep } from '@libs/domain';
import { useMe } from '../auth/use-me';
import { useCase } from '../cases/case-api';
import { formatDeadline, formatTime } from '../cases/format';
import { CaseSummary } from './case-summary';
import { TaskDecision } from './task-decision';
import { type Task, useClaim, useTask } from './task-api';

export function TaskPage() {
  const { id = '' } = useParams();
  // A new task (the next one after a decision) starts with a fresh form, draft and attempt.
  return <TaskScreen key={id} id={id} />;
}

function TaskScreen({ id }: { id: string }) {
  const task = useTask(id);
  const me = useMe();
  if (task.isError) {
    return <Result status="warning" title={task.error.message} extra={<Link to="/">返回工作台</Link>} />;
  }
  if (!task.data || !me.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  return <TaskView task={task.data} me={me.data} />;
}

type Me = NonNullable<ReturnType<typeof useMe>['data']>;

function TaskView({ task, me }: { task: Task; me: Me }) {
  const caseQuery = useCase(task.caseId);
  const forRole =
    task.candidateRole === me.role && (task.department === null || task.department === me.department);
  const heldByOther = task.assigneeId !== null && task.assigneeId !== me.userId;
  const open = task.status === 'open';

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <Card
          title={
            <Space wrap>
              {task.kindLabel}
              {task.urgent && <Tag color="red">紧急</Tag>}
              {task.overdue && <Tag color="red">已超期</Tag>}
              <Tag color={open ? 'blue' : 'default'}>{task.statusLabel}</Tag>
            </Space>
          }
          extra={open && forRole && !task.assigneeId ? <ClaimButton task={task} /> : undefined}
        >
          <TaskFacts task={task} />
          {!open ? (
            <DoneTask task={task} />
          ) : !forRole ? (
            <Alert
              type="info"
              showIcon
              message={`此任务须由「${task.departmentLabel ?? task.candidateRoleLabel}」办理，您可以查看但不能办理`}
            />
          ) : heldByOther ? (
            <Alert
              type="warning"
              showIcon
              message={`任务已由「${task.assigneeName}」认领，只有认领人可以办理`}
            />
          ) : caseQuery.data ? (
            <TaskDecision task={task} caseView={caseQuery.data} />
          ) : caseQuery.isError ? (
            <Alert type="error" showIcon message={caseQuery.error.message} />
          ) : (
            <Spin style={{ display: 'block', margin: 24 }} />
          )}
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        {caseQuery.data && <CaseSummary caseView={caseQuery.data} />}
      </Col>
    </Row>
  );
}

function TaskFacts({ task }: { task: Task }) {
  const daysLeft = task.workingDaysLeft;
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginBottom: 16 }}>
      <Descriptions.Item label="户主">{task.householdHead ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="村(社区)">{task.villageName ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="阶段">{STAGE_LABELS[task.stage]}</Descriptions.Item>
      <Descriptions.Item label="办理">{task.departmentLabel ?? task.candidateRoleLabel}</Descriptions.Item>
      <Descriptions.Item label="办理时限">
        <Typography.Text type={task.overdue ? 'danger' : undefined}>
          {formatDeadline(task.dueAt)}
          {typeof daysLeft === 'number' &&
            (daysLeft < 0 ? `（超期 ${-daysLeft} 个工作日）` : `（剩 ${daysLeft} 个工作日）`)}
        </Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label="认领人">{task.assigneeName ?? '未认领'}</Descriptions.Item>
    </Descriptions>
  );
}

function ClaimButton({ task }: { task: Task }) {
  const claim = useClaim(task);
  const { message } = App.useApp();
  return (
    <Button
      type="primary"
      loading={claim.isPending}
      onClick={() =>
        claim.mutateAsync().then(
          () => message.success('已认领'),
          (error: Error) => message.error(error.message),
        )
      }
    >
      认领
    </Button>
  );
}

/** 已办结 who decided what, and why. */
function DoneTask({ task }: { task: Task }) {
  const decision = task.decision as keyof ReturnType<typeof taskStep>['decisionLabels'] | null;
  const label = decision ? (taskStep(task.kind).decisionLabels[decision] ?? decision) : '—';
  return (
    <Alert
      type={task.status === 'cancelled' ? 'warning' : 'success'}
      showIcon
      message={task.status === 'cancelled' ? '任务已撤销，无需办理' : `已办结：${label}`}
      description={
        task.status === 'cancelled' ? undefined : (
          <Descriptions size="small" column={1}>
            <Descriptions.Item label="办理人">
              {task.decidedByName ?? <Link to={`/cases/${task.caseId}`}>见案件的办理记录</Link>}
            </Descriptions.Item>
            <Descriptions.Item label="办结时间">{formatTime(task.closedAt)}</Descriptions.Item>
            {task.reason && <Descriptions.Item label="理由">{task.reason}</Descriptions.Item>}
          </Descriptions>
        )
      }
    />
  );
}
