import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { Loading } from '../shared/loading';

// Its own chunk, with the ECharts it draws: nothing of it reaches the first page.
const StatisticsPage = lazy(() => import('./statistics-page').then((m) => ({ default: m.StatisticsPage })));

/** 统计 the reporting rhythm's figures and charts. */
export const statisticsRoutes: RouteObject[] = [
  { path: 'statistics', element: <Loading children={<StatisticsPage />} /> },
];
