// One route per screen. Each capability's folder lists its own routes (`<folder>/routes.tsx`); all screens
// but the login and the inbox are lazy, each in its own chunk.

import { lazy } from 'react';
import { BrowserRouter, Navigate, Outlet, type RouteObject, useRoutes } from 'react-router-dom';
import { LoginPage } from './auth/login-page';
import { RequireAuth } from './auth/require-auth';
import { caseRoutes } from './cases/routes';
import { departmentRoutes } from './department/routes';
import { inboxRoutes } from './inbox/routes';
import { inspectionRoutes } from './inspection/routes';
import { adminRoutes } from './admin/routes';
import { AppLayout } from './layout/app-layout';
import { ledgerRoutes } from './ledgers/routes';
import { noticeRoutes } from './notice/routes';
import { Loading } from './shared/loading';
import { statisticsRoutes } from './statistics/routes';
import { supervisionRoutes } from './supervision/routes';
import { taskRoutes } from './tasks/routes';

const PasswordPage = lazy(() => import('./auth/password-page').then((m) => ({ default: m.PasswordPage })));
const NotificationsPage = lazy(() =>
  import('./layout/notifications-page').then((m) => ({ default: m.NotificationsPage })),
);

// Declarative routing (no loaders): the data router's extra code would cost the first page ~10 kB.
const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  { element: <RequireAuth children={<Outlet />} />, children: noticeRoutes },
  {
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      ...inboxRoutes,
      ...caseRoutes,
      ...taskRoutes,
      ...departmentRoutes,
      ...supervisionRoutes,
      ...inspectionRoutes,
      ...ledgerRoutes,
      ...statisticsRoutes,
      ...adminRoutes,
      { path: 'password', element: <Loading children={<PasswordPage />} /> },
      { path: 'notifications', element: <Loading children={<NotificationsPage />} /> },
      { path: '*', element: <Navigate to="/" replace /> },
    ],
  },
];

function Routes() {
  return useRoutes(routes);
}

export function AppRouter() {
  return (
    <BrowserRouter>
      <Routes />
    </BrowserRouter>
  );
}
