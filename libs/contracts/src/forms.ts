// What a person submits with each task (the `form` of a completion), as the workflows read it. The API
// validates each against its DTO (apps/api/src/tasks/forms) before the decision reaches a workflow.

import type {
  DataCheckHitCategory,
  Department,
  InsuranceCover,
  MeasureResult,
  MemberIncome,
  PovertyCause,
  ReturnableStep,
  ReviewOutcome,
  SafetyNetType,
  SectorMeasureKind,
  WellbeingIndicators,
} from '../../domain/src';

/** 受理 a referral or alert: the caseworker records the consent and causes, as an application would have. */
export interface IntakeForm {
  dataConsent: { signed: true; signedAt: string };
  povertyCauses: PovertyCause[];
}

export interface DataCheckHitEntry {
  category: DataCheckHitCategory;
  /** The member the finding is about. */
  idNumber?: string;
  detail: string;
}

/** 部门比对反馈: no hits is an answer too. */
export interface DataCheckAnswerForm {
  hits: DataCheckHitEntry[];
}

/** 比对命中复核: approve overrides the hits (the reason is the decision's reason), with evidence. */
export interface HitReviewForm {
  attachmentIds?: string[];
}

export interface HomeSurveyForm {
  surveyedOn: string;
  incomes: MemberIncome[];
  indicators: WellbeingIndicators;
  povertyCauses: PovertyCause[];
  specialHardshipGroup?: boolean;
  elderlyPoor?: boolean;
  attachmentIds?: string[];
  notes?: string;
}

/** 民主评议 and 村民代表会: a meeting with its votes and minutes. */
export interface MeetingForm {
  heldOn: string;
  attendees: number;
  votesFor: number;
  votesAgainst: number;
  minutes: string;
}

export interface PublicNoticeForm {
  startsOn: string;
  place: string;
}

export interface ObjectionInvestigationForm {
  findings: string;
  attachmentIds?: string[];
}

/** 审核/认定: a return may name the earlier step it goes back to. */
export interface ReviewForm {
  returnTo?: ReturnableStep;
  opinion?: string;
}

export interface SafetyNetItem {
  type: SafetyNetType;
  department: Department;
  /** 防贫保险 only: which of the four covers. */
  covers?: InsuranceCover[];
  monthlyAmount?: number;
  note?: string;
}

export interface SectorMeasureItem {
  sector: SectorMeasureKind;
  department: Department;
  description: string;
}

export interface SupportPlanForm {
  safetyNet: SafetyNetItem[];
  sectorMeasures: SectorMeasureItem[];
  /** 渐退期 months (0–24) for a 低保 household between 1× and 2× the standard. */
  gradualExitMonths?: number;
  /** 单人保: members covered alone. */
  individualCoverage?: { idNumber: string; reason: 'severeDisability' | 'seriousIllness' }[];
}

export interface MeasureAcceptanceForm {
  note?: string;
}

export interface MeasureImplementationForm {
  implementedOn: string;
  report: string;
  amount?: number;
}

export interface MeasureFollowUpForm {
  result: MeasureResult;
  note: string;
}

export interface TemporaryAssistanceForm {
  amount: number;
  paidOn: string;
  note?: string;
}

export interface PeriodicReviewForm {
  incomes: MemberIncome[];
  indicators: WellbeingIndicators;
  outcome: ReviewOutcome;
  /** Required to continue a case that has reached the one-year limit. */
  justification?: string;
  notes?: string;
}
