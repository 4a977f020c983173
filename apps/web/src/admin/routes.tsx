import type { RouteObject } from 'react-router-dom';

/** 系统管理: users, jurisdictions, county policy, poverty lines, holiday calendar. */
export const adminRoutes: RouteObject[] = [];
