// 系统管理 the admin's screen: one tab per thing to configure, each its own address (/admin/users …) so a
// reload or a link lands on the same tab.

import { Card, Result, Tabs } from 'antd';
import { Navigate, useNavigate, useParams } from 'react-router-dom';
import { useMe } from '../auth/use-me';
import { CalendarTab } from './calendar-tab';
import { JurisdictionsTab } from './jurisdictions-tab';
import { PolicyTab } from './policy-tab';
import { PovertyLinesTab } from './poverty-lines-tab';
import { UsersTab } from './users-tab';

const TABS = [
  { key: 'users', label: '用户', children: <UsersTab /> },
  { key: 'jurisdictions', label: '辖区', children: <JurisdictionsTab /> },
  { key: 'policy', label: '县级政策', children: <PolicyTab /> },
  { key: 'poverty-lines', label: '贫困线', children: <PovertyLinesTab /> },
  { key: 'calendar', label: '节假日', children: <CalendarTab /> },
];

export function AdminPage() {
  const { tab } = useParams();
  const navigate = useNavigate();
  const me = useMe();
  if (!TABS.some((t) => t.key === tab)) return <Navigate to="/admin/users" replace />;
  // The server refuses the rest anyway; other roles are told so rather than shown empty tabs.
  if (me.data && me.data.role !== 'admin') {
    return (
      <Result
        status="403"
        title="系统管理仅限系统管理员"
        subTitle="如需调整参数或账户，请联系县级系统管理员。"
      />
    );
  }
  return (
    <Card title="系统管理">
      <Tabs activeKey={tab} destroyOnHidden onChange={(key) => void navigate(`/admin/${key}`)} items={TABS} />
    </Card>
  );
}
