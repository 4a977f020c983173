// The forms of the support phase (plan, measures, temporary assistance, periodic review), by task kind.

import { lazy, type LazyExoticComponent, type ComponentType } from 'react';
import type { TaskKind } from '@domain';
import type { TaskFormProps } from '../form-props';

export const supportForms: Partial<Record<TaskKind, LazyExoticComponent<ComponentType<TaskFormProps>>>> = {
  supportPlan: lazy(() => import('./support-plan-form')),
  measureAcceptance: lazy(() => import('./measure-acceptance-form')),
  measureImplementation: lazy(() => import('./measure-implementation-form')),
  measureFollowUp: lazy(() => import('./measure-follow-up-form')),
  temporaryAssistance: lazy(() => import('./temporary-assistance-form')),
  periodicReview: lazy(() => import('./periodic-review-form')),
};
