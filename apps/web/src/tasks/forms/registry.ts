// Each task kind's form, loaded with the task page only when a task of that kind opens. Every kind is listed,
// so that a new kind does not compile until it has its form here; one that needs none (none today) is listed
// as null and decided with the decision buttons alone.

import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { TaskKind } from '@libs/domain';
import type { FormLoader, TaskFormProps } from './form-props';
import { supportFormLoaders } from './support';

const reviewForm = () => import('./review-form');
const meetingForm = () => import('./meeting-form');

const loaders: Record<TaskKind, FormLoader | null> = {
  intake: () => import('./intake-form'),
  dataCheckAnswer: () => import('./data-check-answer-form'),
  hitReview: () => import('./hit-review-form'),
  homeSurvey: () => import('./home-survey-form'),
  democraticAppraisal: meetingForm,
  villageRepresentativeMeeting: meetingForm,
  publicNotice: () => import('./public-notice-form'),
  objectionInvestigation: () => import('./objection-investigation-form'),
  townshipReview: reviewForm,
  recognition: reviewForm,
  ...supportFormLoaders,
};

// One lazy component per module: the two kinds sharing a form share its component.
const components = new Map(
  [...new Set(Object.values(loaders))].flatMap((load) => (load ? [[load, lazy(load)] as const] : [])),
);

export const taskForms: Partial<Record<TaskKind, LazyExoticComponent<ComponentType<TaskFormProps>>>> =
  Object.fromEntries(Object.entries(loaders).map(([kind, load]) => [kind, load && components.get(load)]));

/** Starts loading a kind's form ahead of its page (the next task, while the decision is answered). */
export function preloadTaskForm(kind: TaskKind): void {
  void loaders[kind]?.().catch(() => undefined);
}

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
