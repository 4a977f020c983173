import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { Loading } from '../shared/loading';

const NoticeSheetPage = lazy(() =>
  import('./notice-sheet-page').then((m) => ({ default: m.NoticeSheetPage })),
);

/** 公示名单: a page of its own, without the menu, to print. */
export const noticeRoutes: RouteObject[] = [
  { path: 'tasks/:id/notice-sheet', element: <Loading children={<NoticeSheetPage />} /> },
];
