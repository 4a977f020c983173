// The side menu: what each role works on. The server refuses what a role may not do; the menu only
// leaves out what would be refused.

import {
  AlertOutlined,
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  BookOutlined,
  DashboardOutlined,
  FileAddOutlined,
  FileExcelOutlined,
  InboxOutlined,
  SearchOutlined,
  SettingOutlined,
  ShareAltOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { Role } from '@libs/domain';

interface Entry {
  path: string;
  label: string;
  icon: React.ReactNode;
  roles?: readonly Role[];
}

const ENTRIES: Entry[] = [
  { path: '/', label: '工作台', icon: <InboxOutlined /> },
  { path: '/cases', label: '案件查询', icon: <SearchOutlined /> },
  {
    path: '/cases/new',
    label: '新建申请',
    icon: <FileAddOutlined />,
    roles: ['caseworker', 'townshipReviewer', 'countyOfficer'],
  },
  {
    path: '/cases/referrals/new',
    label: '部门转介',
    icon: <ShareAltOutlined />,
    roles: ['departmentOfficer', 'countyOfficer'],
  },
  {
    path: '/cases/alerts/new',
    label: '监测预警',
    icon: <AlertOutlined />,
    roles: ['countyOfficer', 'townshipReviewer'],
  },
  { path: '/data-checks', label: '数据比对', icon: <FileExcelOutlined />, roles: ['departmentOfficer'] },
  { path: '/measures', label: '帮扶措施', icon: <SolutionOutlined />, roles: ['departmentOfficer'] },
  {
    path: '/supervision',
    label: '督办',
    icon: <DashboardOutlined />,
    roles: ['supervisor', 'countyOfficer', 'inspector', 'admin'],
  },
  { path: '/inspection', label: '监督检查', icon: <AuditOutlined />, roles: ['inspector', 'admin'] },
  {
    path: '/ledgers',
    label: '台账',
    icon: <BookOutlined />,
    roles: ['countyOfficer', 'townshipReviewer', 'supervisor', 'inspector', 'admin', 'caseworker'],
  },
  {
    path: '/statistics',
    label: '统计',
    icon: <BarChartOutlined />,
    roles: ['countyOfficer', 'supervisor', 'inspector', 'admin'],
  },
  { path: '/admin', label: '系统管理', icon: <SettingOutlined />, roles: ['admin'] },
  { path: '/notifications', label: '通知', icon: <BellOutlined /> },
];

export function menuItems(role: string): NonNullable<MenuProps['items']> {
  return ENTRIES.filter((e) => !e.roles || e.roles.includes(role as Role)).map((e) => ({
    key: e.path,
    icon: e.icon,
    label: e.label,
  }));
}

/** The menu entry a path belongs to: the longest entry path that prefixes it. */
export function selectedEntry(pathname: string): string {
  const matches = ENTRIES.map((e) => e.path).filter(
    (p) => pathname === p || (p !== '/' && pathname.startsWith(`${p}/`)),
  );
  return matches.sort((a, b) => b.length - a.length)[0] ?? (pathname.startsWith('/tasks') ? '/' : pathname);
}
