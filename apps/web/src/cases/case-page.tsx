// 案件 the case page: the household, the evaluation, where the case is in its lifecycle, the plan, the open
// tasks, the history and the attachments, with the actions the case and the role allow.

import { Alert, Card, Col, Descriptions, Flex, Row, Space, Tag } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { INTAKE_CHANNEL_LABELS } from '@libs/domain';
import { useMe } from '../auth/use-me';
import { useCase } from './case-api';
import { CaseHeading, CaseLoadFailure } from './case-heading';
import { CaseActions } from './case-actions';
import { ATTACHMENT_UPLOADERS, CaseAttachments } from './case-attachments';
import { CaseEvaluation } from './case-evaluation';
import { CaseHousehold } from './case-household';
import { CasePlan } from './case-plan';
import { CaseProgressSteps } from './case-progress-steps';
import { CaseTasks } from './case-tasks';
import { CaseTimeline } from './case-timeline';
import { formatTime } from './format';

export function CasePage() {
  const { id = '' } = useParams();
  const caseView = useCase(id);
  const me = useMe();

  if (caseView.isPending) return <Card loading />;
  if (caseView.isError)
    return <CaseLoadFailure error={caseView.error} back={{ to: '/cases', label: '返回案件查询' }} />;
  const c = caseView.data;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Flex wrap justify="space-between" align="center" gap="middle">
          <CaseHeading caseView={c}>
            {c.urgent && <Tag color="red">特事特办</Tag>}
            <Tag>{INTAKE_CHANNEL_LABELS[c.channel] ?? c.channel}</Tag>
          </CaseHeading>
          {me.data && <CaseActions caseView={c} me={me.data} />}
          {(me.data?.role === 'inspector' || me.data?.role === 'admin') && (
            <Link to={`/inspection/cases/${c.id}`}>全程留痕</Link>
          )}
        </Flex>
        <Descriptions
          size="small"
          style={{ marginTop: 16 }}
          column={{ xs: 1, sm: 2, md: 2, lg: 3, xl: 3, xxl: 3 }}
        >
          <Descriptions.Item label="登记时间">{formatTime(c.createdAt)}</Descriptions.Item>
          {c.recognisedAt && (
            <Descriptions.Item label="认定时间">{formatTime(c.recognisedAt)}</Descriptions.Item>
          )}
          {c.closedAt && <Descriptions.Item label="办结时间">{formatTime(c.closedAt)}</Descriptions.Item>}
          {c.outcomeReason && <Descriptions.Item label="办结理由">{c.outcomeReason}</Descriptions.Item>}
          {c.previousCaseId && (
            <Descriptions.Item label="原案件">
              <Link to={`/cases/${c.previousCaseId}`}>查看原案件</Link>
            </Descriptions.Item>
          )}
          {c.reEnrolledAs && (
            <Descriptions.Item label="返贫纳入的新案件">
              <Link to={`/cases/${c.reEnrolledAs}`}>查看新案件</Link>
            </Descriptions.Item>
          )}
        </Descriptions>
        {c.incidents.length > 0 && (
          <Alert
            style={{ marginTop: 12 }}
            type="warning"
            showIcon
            message={`流程有 ${c.incidents.length} 个未解决的故障，县中心正在处理`}
          />
        )}
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <CaseHousehold caseView={c} me={me.data} />
            <CaseEvaluation evaluation={c.evaluation} />
            <CaseTasks tasks={c.tasks} />
            <CasePlan plan={c.plan} measures={c.measures} />
            <CaseAttachments
              caseId={c.id}
              canUpload={c.status === 'open' && !!me.data && ATTACHMENT_UPLOADERS.includes(me.data.role)}
            />
          </Space>
        </Col>
        <Col xs={24} lg={9}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <CaseProgressSteps caseId={c.id} />
            <CaseTimeline caseId={c.id} />
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
