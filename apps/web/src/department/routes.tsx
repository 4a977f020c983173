// 成员单位 the department officer's screens: the data-check requests and the support measures.

import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { Loading } from '../shared/loading';

const DataChecksPage = lazy(() => import('./data-checks-page').then((m) => ({ default: m.DataChecksPage })));
const MeasuresPage = lazy(() => import('./measures-page').then((m) => ({ default: m.MeasuresPage })));

export const departmentRoutes: RouteObject[] = [
  { path: 'data-checks', element: <Loading children={<DataChecksPage />} /> },
  { path: 'measures', element: <Loading children={<MeasuresPage />} /> },
];
