import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { Loading } from '../shared/loading';

// Its own chunk, with the ECharts it draws: nothing of it reaches the first page.
const SupervisionPage = lazy(() =>
  import('./supervision-page').then((m) => ({ default: m.SupervisionPage })),
);

/** 督办 dashboard and incidents. */
export const supervisionRoutes: RouteObject[] = [
  { path: 'supervision', element: <Loading children={<SupervisionPage />} /> },
];
