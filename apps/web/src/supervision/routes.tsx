import type { RouteObject } from 'react-router-dom';

/** 督办 dashboard and incidents. */
export const supervisionRoutes: RouteObject[] = [];
