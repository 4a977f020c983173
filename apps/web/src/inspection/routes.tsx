import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { Loading } from '../shared/loading';

const InspectionPage = lazy(() => import('./inspection-page').then((m) => ({ default: m.InspectionPage })));
const CaseHistoryPage = lazy(() =>
  import('./case-history-page').then((m) => ({ default: m.CaseHistoryPage })),
);

/** 纪检监察: overrides, audit chain, audit events, case history. */
export const inspectionRoutes: RouteObject[] = [
  { path: 'inspection', element: <Loading children={<InspectionPage />} /> },
  { path: 'inspection/cases/:id', element: <Loading children={<CaseHistoryPage />} /> },
];
