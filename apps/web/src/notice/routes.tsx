import type { RouteObject } from 'react-router-dom';

/** 村内公示 printable notice. */
export const noticeRoutes: RouteObject[] = [];
