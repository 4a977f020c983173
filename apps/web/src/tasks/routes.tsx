import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { Loading } from '../shared/loading';

const TaskPage = lazy(() => import('./task-page').then((m) => ({ default: m.TaskPage })));

/** 任务 /tasks/:id, where the inbox and the notifications lead. */
export const taskRoutes: RouteObject[] = [
  { path: 'tasks/:id', element: <Loading children={<TaskPage />} /> },
];
