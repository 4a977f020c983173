import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { Loading } from '../shared/loading';

const LedgersPage = lazy(() => import('./ledgers-page').then((m) => ({ default: m.LedgersPage })));

/** 三本台账 by county, township and period, with export. */
export const ledgerRoutes: RouteObject[] = [
  { path: 'ledgers', element: <Loading children={<LedgersPage />} /> },
];
