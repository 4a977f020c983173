import { Alert, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { ApiError } from '../api/client';
import { readToken } from './session';
import { useMe } from './use-me';

/** Screens behind the login; after an admin's reset, only the password page until it is changed. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const location = useLocation();
  const me = useMe();
  const next = encodeURIComponent(location.pathname + location.search);
  if (!readToken()) return <Navigate to={`/login?next=${next}`} replace />;
  if (me.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (me.isError) {
    if (me.error instanceof ApiError && me.error.status === 401)
      return <Navigate to={`/login?next=${next}`} replace />;
    return (
      <Alert
        type="warning"
        showIcon
        message="无法连接服务器"
        description={me.error.message}
        style={{ margin: 48 }}
      />
    );
  }
  if (me.data.mustChangePassword && location.pathname !== '/password')
    return <Navigate to="/password" replace />;
  return children;
}
