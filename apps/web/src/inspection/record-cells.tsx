// Columns and cells the inspection reports share: whose case a record is (linked to its full history), and who acted.

import { Space, Typography } from 'antd';
import { Link } from 'react-router-dom';

interface PlacedRecord {
  caseId: string;
  householdHead: string | null;
  householdHeadIdNumber: string | null;
  townshipName: string | null;
  villageName: string;
}

/** 户主 / 村(社区): the household head, the masked ID number, the place, and the case's full history. */
export const householdColumn = (width: number) => ({
  title: '户主 / 村(社区)',
  key: 'case',
  width,
  render: (_: unknown, r: PlacedRecord) => (
    <Space direction="vertical" size={0}>
      <Link to={`/inspection/cases/${r.caseId}`}>{r.householdHead ?? '（无户主）'}</Link>
      <Typography.Text type="secondary">{r.householdHeadIdNumber}</Typography.Text>
      <Typography.Text type="secondary">{`${r.townshipName ?? ''} ${r.villageName}`}</Typography.Text>
      <Link to={`/inspection/cases/${r.caseId}`}>全程留痕</Link>
    </Space>
  ),
});

/** A worker by name, with the account and role beneath. */
export function StaffCell({
  staff,
}: {
  staff: { displayName: string | null; username: string | null; roleLabel: string | null };
}) {
  return (
    <Space direction="vertical" size={0}>
      <span>{staff.displayName ?? staff.username}</span>
      <Typography.Text type="secondary">
        {staff.username} · {staff.roleLabel}
      </Typography.Text>
    </Space>
  );
}
