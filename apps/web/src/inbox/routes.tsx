import type { RouteObject } from 'react-router-dom';
import { InboxPage } from './inbox-page';

/** 工作台 is the first screen after the login: not lazy. */
export const inboxRoutes: RouteObject[] = [{ index: true, element: <InboxPage /> }];
