// Each task kind's form interface (and the parts a form is built of), as libs/contracts re-exports them for the
// workflows. TaskForms in index.ts maps a kind to its form.

export type { DataCheckAnswerForm, DataCheckHitEntry } from './data-check-answer';
export type { HitReviewForm } from './hit-review';
export type { HomeSurveyForm } from './home-survey';
export type { IntakeForm } from './intake';
export type { MeasureAcceptanceForm } from './measure-acceptance';
export type { MeasureFollowUpForm } from './measure-follow-up';
export type { MeasureImplementationForm } from './measure-implementation';
export type { ObjectionInvestigationForm } from './objection-investigation';
export type { PeriodicReviewForm } from './periodic-review';
export type { PublicNoticeForm } from './public-notice';
export type { MeetingForm } from './shared/meeting-form';
export type { ReviewForm } from './shared/review-form';
export type { SafetyNetItem, SectorMeasureItem, SupportPlanForm } from './support-plan';
export type { TemporaryAssistanceForm } from './temporary-assistance';
