// The forms of the support phase (plan, measures, temporary assistance, periodic review), by task kind.

import type { FormLoaders } from '../form-props';

export const supportFormLoaders = {
  supportPlan: () => import('./support-plan-form'),
  measureAcceptance: () => import('./measure-acceptance-form'),
  measureImplementation: () => import('./measure-implementation-form'),
  measureFollowUp: () => import('./measure-follow-up-form'),
  temporaryAssistance: () => import('./temporary-assistance-form'),
  periodicReview: () => import('./periodic-review-form'),
} satisfies FormLoaders;
