// 家庭 the household and its members as the API answers them: ID numbers and incomes masked. The full values
// come only from 查看完整信息 (RevealPersonalData), never from unmasking here.

import { Button, Card, Descriptions, Table, Tag } from 'antd';
import { useState } from 'react';
import {
  PERSONAL_DATA_KINDS,
  mayReveal,
  type PersonalDataKind,
  type Role,
  ALERT_KIND_LABELS,
  POVERTY_CAUSE_LABELS,
  REFERRAL_CATEGORY_LABELS,
  MEMBER_RELATION_LABELS,
} from '@libs/domain';
import type { Schemas } from '../api/client';
import type { CaseDetail, CaseMember } from './case-api';
import { formatDate, formatYuan } from './format';
import { RevealPersonalDataModal } from './reveal-personal-data-modal';

type Me = Schemas['MeResponseDto'];

/** The kinds the viewer may see in full on this case (the server decides again, and audits). */
export function revealableKinds(caseView: CaseDetail, me: Me): PersonalDataKind[] {
  const subject = {
    inViewerScope: true,
    open: caseView.status === 'open',
    openDataCheckDepartments: caseView.tasks
      .filter((t) => t.kind === 'dataCheckAnswer' && t.status === 'open' && t.department)
      .map((t) => t.department as string),
  };
  const viewer = { role: me.role as Role, department: me.department };
  return PERSONAL_DATA_KINDS.filter((kind) => mayReveal(viewer, subject, kind));
}

const memberColumns = [
  { title: '姓名', dataIndex: 'name', key: 'name' },
  {
    title: '与户主关系',
    dataIndex: 'relation',
    key: 'relation',
    render: (relation: CaseMember['relation']) => MEMBER_RELATION_LABELS[relation] ?? relation,
  },
  { title: '身份证号', dataIndex: 'idNumber', key: 'idNumber' },
  { title: '上年度收入', dataIndex: 'annualIncome', key: 'annualIncome', render: formatYuan },
];

export function CaseHousehold({ caseView, me }: { caseView: CaseDetail; me: Me | undefined }) {
  const [revealing, setRevealing] = useState(false);
  const kinds = me ? revealableKinds(caseView, me) : [];
  const application = caseView.application as {
    povertyCauses?: (keyof typeof POVERTY_CAUSE_LABELS)[];
    dataConsent?: { signed: boolean; signedAt: string };
    referral?: { category: keyof typeof REFERRAL_CATEGORY_LABELS; detail: string };
    alert?: { kind: keyof typeof ALERT_KIND_LABELS; detail: string };
  };

  return (
    <Card
      title="家庭情况"
      extra={
        kinds.length > 0 && (
          <Button size="small" onClick={() => setRevealing(true)}>
            查看完整信息
          </Button>
        )
      }
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 2, lg: 2, xl: 2, xxl: 2 }}>
        <Descriptions.Item label="村(社区)">{caseView.villageName}</Descriptions.Item>
        <Descriptions.Item label="家庭住址">{caseView.address}</Descriptions.Item>
        <Descriptions.Item label="家庭人均年收入">{formatYuan(caseView.perCapitaIncome)}</Descriptions.Item>
        {application.povertyCauses && (
          <Descriptions.Item label="致贫原因">
            {application.povertyCauses.map((cause) => (
              <Tag key={cause}>{POVERTY_CAUSE_LABELS[cause] ?? cause}</Tag>
            ))}
          </Descriptions.Item>
        )}
        {application.dataConsent && (
          <Descriptions.Item label="授权承诺">
            {application.dataConsent.signed
              ? `已签署（${formatDate(application.dataConsent.signedAt)}）`
              : '未签署'}
          </Descriptions.Item>
        )}
        {application.referral && (
          <Descriptions.Item label="部门预警">
            {REFERRAL_CATEGORY_LABELS[application.referral.category]}：{application.referral.detail}
          </Descriptions.Item>
        )}
        {application.alert && (
          <Descriptions.Item label="监测预警">
            {ALERT_KIND_LABELS[application.alert.kind]}：{application.alert.detail}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Table
        style={{ marginTop: 12 }}
        size="small"
        rowKey={(m) => `${m.name}:${m.idNumber}`}
        columns={memberColumns}
        dataSource={caseView.members}
        pagination={false}
        scroll={{ x: 'max-content' }}
        title={() => `家庭成员（${caseView.members.length} 人）`}
      />
      {revealing && (
        <RevealPersonalDataModal caseId={caseView.id} kinds={kinds} onClose={() => setRevealing(false)} />
      )}
    </Card>
  );
}
