import type { RouteObject } from 'react-router-dom';

/** 纪检监察: overrides, audit chain, audit events, case history. */
export const inspectionRoutes: RouteObject[] = [];
