// 系统管理: users, jurisdictions, county policy, poverty lines, holiday calendar, one tab each at
// /admin/<tab>.

import { lazy } from 'react';
import { Navigate, type RouteObject } from 'react-router-dom';
import { Loading } from '../shared/loading';

const AdminPage = lazy(() => import('./admin-page').then((m) => ({ default: m.AdminPage })));

/** 系统管理: users, jurisdictions, county policy, poverty lines, holiday calendar. */
export const adminRoutes: RouteObject[] = [
  { path: 'admin', element: <Navigate to="/admin/users" replace /> },
  { path: 'admin/:tab', element: <Loading children={<AdminPage />} /> },
];
