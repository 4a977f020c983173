import type { RouteObject } from 'react-router-dom';

/** 三本台账 by county, township and period, with export. */
export const ledgerRoutes: RouteObject[] = [];
