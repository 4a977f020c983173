// What every screen of one case opens with: the household and its village, the case's status and stage; and
// what it shows instead when the case does not load.

import { Alert, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { CASE_STATUS_LABELS } from '@libs/domain';
import { ApiError } from '../api/client';
import type { CaseDetail } from './case-api';

export const householdHead = (c: CaseDetail) => c.members.find((m) => m.relation === 'head');

/** `prefix` names the screen before the household; `children` are the screen's own tags after the stage. */
export function CaseHeading({
  caseView: c,
  prefix,
  children,
}: {
  caseView: CaseDetail;
  prefix?: string;
  children?: ReactNode;
}) {
  return (
    <Space direction="vertical" size={4}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {prefix}
        {householdHead(c)?.name ?? '（无户主）'}户 · {c.villageName}
      </Typography.Title>
      <Space wrap size={4}>
        <Tag color={c.status === 'open' ? 'blue' : 'default'}>{CASE_STATUS_LABELS[c.status]}</Tag>
        <Tag color="geekblue">{c.stageLabel}</Tag>
        {children}
      </Space>
    </Space>
  );
}

/** The case did not load: the server's reason, and the way back to the list it was opened from. */
export function CaseLoadFailure({ error, back }: { error: Error; back: { to: string; label: string } }) {
  return (
    <Alert
      type="error"
      showIcon
      message={error instanceof ApiError ? error.message : '案件加载失败，请稍后重试'}
      action={<Link to={back.to}>{back.label}</Link>}
    />
  );
}
