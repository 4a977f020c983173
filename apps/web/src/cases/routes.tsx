import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { Loading } from '../shared/loading';

const CaseSearchPage = lazy(() => import('./case-search-page').then((m) => ({ default: m.CaseSearchPage })));
const CasePage = lazy(() => import('./case-page').then((m) => ({ default: m.CasePage })));
const IntakePage = lazy(() => import('./intake-page').then((m) => ({ default: m.IntakePage })));

/** 案件查询, the three intake forms (one page, by channel) and the case page: each its own chunk. */
export const caseRoutes: RouteObject[] = [
  { path: 'cases', element: <Loading children={<CaseSearchPage />} /> },
  {
    path: 'cases/new',
    element: <Loading children={<IntakePage key="application" channel="application" />} />,
  },
  {
    path: 'cases/referrals/new',
    element: <Loading children={<IntakePage key="referral" channel="referral" />} />,
  },
  {
    path: 'cases/alerts/new',
    element: <Loading children={<IntakePage key="monitoringAlert" channel="monitoringAlert" />} />,
  },
  { path: 'cases/:id', element: <Loading children={<CasePage />} /> },
];
