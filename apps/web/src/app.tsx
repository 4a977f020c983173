// The root: Chinese locale for antd and dayjs, server state in TanStack Query, one route per screen.
// Screens past the login and the inbox load on demand, so the first page stays small.

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { ApiError } from './api/client';
import { readToken } from './auth/session';
import { meQuery } from './auth/use-me';
import { prefetchInbox } from './inbox/inbox-queries';
import { AppRouter } from './routes';

dayjs.locale('zh-cn');

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal or a missing record will answer the same again; a dropped connection may not.
      retry: (count, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: true,
    },
  },
});

/**
 * The first screen's data, asked for together as the script starts rather than one screen part after
 * another as each draws: the signed-in user and, on the 工作台, its counts and first page.
 */
export function fetchFirstScreen(): Promise<unknown> {
  if (!readToken()) return Promise.resolve();
  return Promise.all([
    queryClient.prefetchQuery(meQuery),
    window.location.pathname === '/' &&
      prefetchInbox(queryClient, window.location.search).catch(() => undefined),
  ]);
}

export function App() {
  return (
    <ConfigProvider locale={zhCN}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <AppRouter />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
