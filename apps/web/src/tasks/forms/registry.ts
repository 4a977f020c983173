// Each task kind's form, loaded with the task page only when a task of that kind opens. A kind with no form
// here (none today) is decided with the decision buttons alone.

import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { TaskKind } from '@domain';
import type { TaskFormProps } from './form-props';
import { supportForms } from './support';

const reviewForm = lazy(() => import('./review-form'));
const meetingForm = lazy(() => import('./meeting-form'));

export const taskForms: Partial<Record<TaskKind, LazyExoticComponent<ComponentType<TaskFormProps>>>> = {
  intake: lazy(() => import('./intake-form')),
  dataCheckAnswer: lazy(() => import('./data-check-answer-form')),
  hitReview: lazy(() => import('./hit-review-form')),
  homeSurvey: lazy(() => import('./home-survey-form')),
  democraticAppraisal: meetingForm,
  villageRepresentativeMeeting: meetingForm,
  publicNotice: lazy(() => import('./public-notice-form')),
  objectionInvestigation: lazy(() => import('./objection-investigation-form')),
  townshipReview: reviewForm,
  recognition: reviewForm,
  ...supportForms,
};

/**
 * Kinds whose form goes with a return or a refusal too (the review's opinion and where it returns to, the
 * investigation's findings). Elsewhere a form is what an approval records: a refusal sends none, so that a
 * half-filled survey does not stand in the way of saying the household does not qualify.
 */
export const FORM_ON_DECLINE: readonly TaskKind[] = [
  'townshipReview',
  'recognition',
  'objectionInvestigation',
];
