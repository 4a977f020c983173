// The case at a glance beside its task: the household, its members (ID numbers masked) and the latest
// evaluation's verdict and reasons, narrow enough for a side column; the case page has the rest.

import { Card, Descriptions, List, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { INTAKE_CHANNEL_LABELS, MEMBER_RELATION_LABELS } from '@libs/domain';
import type { CaseDetail } from '../cases/case-api';
import { formatYuan } from '../cases/format';

interface Evaluation {
  eligible: boolean;
  reasons: string[];
}

export function CaseSummary({ caseView }: { caseView: CaseDetail }) {
  const head = caseView.members.find((m) => m.relation === 'head') ?? caseView.members[0];
  const evaluation = caseView.evaluation as Evaluation | null;
  return (
    <Card
      title="案件概况"
      size="small"
      extra={<Link to={`/cases/${caseView.id}`}>查看案件</Link>}
      style={{ marginBottom: 16 }}
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label="户主">{head?.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="村(社区)">{caseView.villageName}</Descriptions.Item>
        <Descriptions.Item label="当前阶段">{caseView.stageLabel}</Descriptions.Item>
        <Descriptions.Item label="纳入渠道">
          {INTAKE_CHANNEL_LABELS[caseView.channel] ?? caseView.channel}
        </Descriptions.Item>
        <Descriptions.Item label="人均年收入">{formatYuan(caseView.perCapitaIncome)}</Descriptions.Item>
        <Descriptions.Item label="资格评估">
          {evaluation ? (
            <Tag color={evaluation.eligible ? 'green' : 'red'}>
              {evaluation.eligible ? '符合认定条件' : '不符合认定条件'}
            </Tag>
          ) : (
            '入户调查后评估'
          )}
        </Descriptions.Item>
      </Descriptions>
      {evaluation && evaluation.reasons.length > 0 && (
        <ul style={{ margin: '0 0 8px', paddingInlineStart: 20 }}>
          {evaluation.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
      <List
        size="small"
        header={<Typography.Text strong>家庭成员（{caseView.members.length} 人）</Typography.Text>}
        dataSource={caseView.members}
        renderItem={(m) => (
          <List.Item>
            <span>
              {m.name}（
              {MEMBER_RELATION_LABELS[m.relation as keyof typeof MEMBER_RELATION_LABELS] ?? m.relation}）
            </span>
            <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
              {m.idNumber}
            </Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}
