// What a person submits with each task (the `form` of a completion), as the workflows read it. Each form is
// defined with its task kind (libs/domain/src/task-kinds); the API validates it against the kind's DTO
// (apps/api/src/tasks/forms) before the decision reaches a workflow.

export type {
  DataCheckAnswerForm,
  DataCheckHitEntry,
  HitReviewForm,
  HomeSurveyForm,
  IntakeForm,
  MeasureAcceptanceForm,
  MeasureFollowUpForm,
  MeasureImplementationForm,
  MeetingForm,
  ObjectionInvestigationForm,
  PeriodicReviewForm,
  PublicNoticeForm,
  ReviewForm,
  SafetyNetItem,
  SectorMeasureItem,
  SupportPlanForm,
  TaskForms,
  TemporaryAssistanceForm,
} from '../../domain/src';
