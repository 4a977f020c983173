// What each task kind's form must hold before a decision reaches a workflow: the DTO per kind, when the form
// is required, and the rules across fields and the decision. The workflows read the result as the
// interfaces of libs/contracts/src/forms.ts.

import { instanceToPlain, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import {
  type Decision,
  RETURNABLE_STEPS,
  type ReturnableStep,
  type TaskKind,
  decisionAllowed,
  returnTarget,
  taskStep,
} from '@libs/domain';
import { allowedDecisions } from '../../cases/case-view';
import { AppException } from '../../common/app.exception';
import { type FieldError, flattenValidationErrors } from '../../common/validation';
import { DataCheckAnswerFormDto, HitReviewFormDto, IntakeFormDto } from './intake-forms.dto';
import { ReviewFormDto } from './review-form.dto';
import {
  MeasureAcceptanceFormDto,
  MeasureFollowUpFormDto,
  MeasureImplementationFormDto,
  PeriodicReviewFormDto,
  SupportPlanFormDto,
  TemporaryAssistanceFormDto,
} from './support-forms.dto';
import {
  HomeSurveyFormDto,
  MeetingFormDto,
  ObjectionInvestigationFormDto,
  PublicNoticeFormDto,
} from './village-forms.dto';

export const FORM_DTOS: Record<TaskKind, new () => object> = {
  intake: IntakeFormDto,
  dataCheckAnswer: DataCheckAnswerFormDto,
  hitReview: HitReviewFormDto,
  homeSurvey: HomeSurveyFormDto,
  democraticAppraisal: MeetingFormDto,
  publicNotice: PublicNoticeFormDto,
  objectionInvestigation: ObjectionInvestigationFormDto,
  townshipReview: ReviewFormDto,
  recognition: ReviewFormDto,
  supportPlan: SupportPlanFormDto,
  measureAcceptance: MeasureAcceptanceFormDto,
  measureImplementation: MeasureImplementationFormDto,
  measureFollowUp: MeasureFollowUpFormDto,
  temporaryAssistance: TemporaryAssistanceFormDto,
  periodicReview: PeriodicReviewFormDto,
  villageRepresentativeMeeting: MeetingFormDto,
};

// Steps whose approval records something the next steps need; on the others the form is optional.
export const FORM_REQUIRED_ON_APPROVE: readonly TaskKind[] = [
  'intake',
  'dataCheckAnswer',
  'homeSurvey',
  'democraticAppraisal',
  'publicNotice',
  'objectionInvestigation',
  'supportPlan',
  'measureImplementation',
  'measureFollowUp',
  'temporaryAssistance',
  'periodicReview',
  'villageRepresentativeMeeting',
];

const DECISION_NAMES: Record<Decision, string> = { approve: '通过', reject: '不予通过', return: '退回' };

/** A 400 for a form's problems, worded as the global validation pipe words a body's. */
export function formInvalid(errors: FieldError[]): AppException {
  return new AppException(
    'FORM_INVALID',
    400,
    `表单有误：${errors.map((e) => `${e.field} ${e.message}`).join('；')}`,
    { errors },
  );
}

/**
 * The form of a decision on a task of `kind`, checked: the decision allowed on the step, the form present when
 * the step needs it, each field valid, no unknown field, and the rules across fields. Returns the form as
 * plain JSON for the workflow (undefined when none was given); throws a 400 in Chinese otherwise.
 */
export async function validateTaskForm(
  kind: TaskKind,
  decision: Decision,
  form: Record<string, unknown> | undefined,
): Promise<Record<string, unknown> | undefined> {
  const step = taskStep(kind);
  if (!decisionAllowed(kind, decision)) {
    const choices = allowedDecisions(kind)
      .map((d) => `${d.decision}（${d.label}）`)
      .join('、');
    throw new AppException(
      'DECISION_NOT_ALLOWED',
      400,
      `「${step.label}」不能「${DECISION_NAMES[decision]}」（${decision}）；可选的办理结果：${choices}`,
      { errors: [{ field: 'decision', message: `可选：${choices}` }] },
    );
  }
  if (form === undefined) {
    if (decision === 'approve' && FORM_REQUIRED_ON_APPROVE.includes(kind)) {
      throw new AppException('FORM_INVALID', 400, `办理「${step.label}」须提交表单（form）`, {
        errors: [{ field: 'form', message: '必填' }],
      });
    }
    return undefined;
  }
  const instance = plainToInstance(FORM_DTOS[kind], form);
  const fieldErrors = flattenValidationErrors(
    await validate(instance, {
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      stopAtFirstError: true,
    }),
    'form',
  );
  if (fieldErrors.length > 0) throw formInvalid(fieldErrors);
  const valid = instanceToPlain(instance);
  const problems = CROSS_FIELD_RULES[kind]?.(valid, kind, decision) ?? [];
  if (problems.length > 0) throw formInvalid(problems);
  return valid;
}

/**
 * 'reject' and 'return' need a reason; so does overriding data-check hits (approve on 比对命中复核), the
 * justification the inspectors will read.
 */
export function requireReason(kind: TaskKind, decision: Decision, reason: string | undefined): void {
  if (decision !== 'approve' && !reason) {
    throw new AppException('REASON_REQUIRED', 400, '退回或不予通过时须填写理由（reason）', {
      errors: [{ field: 'reason', message: '退回或不予通过时必填' }],
    });
  }
  if (kind === 'hitReview' && decision === 'approve' && (reason ?? '').trim().length < 5) {
    throw new AppException('REASON_REQUIRED', 400, '核实排除比对命中须说明理由（reason，至少 5 个字）', {
      errors: [{ field: 'reason', message: '核实排除时必填，至少 5 个字' }],
    });
  }
}

type CrossFieldRule = (form: Record<string, unknown>, kind: TaskKind, decision: Decision) => FieldError[];

/** 民主评议 and 村民代表会: the votes fit the attendance, and approval takes more than half of those present. */
function meetingProblems(form: Record<string, unknown>, _kind: TaskKind, decision: Decision): FieldError[] {
  const { attendees, votesFor, votesAgainst } = form as {
    attendees: number;
    votesFor: number;
    votesAgainst: number;
  };
  if (votesFor + votesAgainst > attendees) {
    return [
      {
        field: 'form.votesFor',
        message: `同意票与反对票合计 ${votesFor + votesAgainst} 票，超过出席人数 ${attendees} 人`,
      },
    ];
  }
  if (decision === 'approve' && votesFor * 2 <= attendees) {
    return [
      {
        field: 'form.votesFor',
        message: `同意票须超过出席人数的一半才能通过：出席 ${attendees} 人，同意 ${votesFor} 票`,
      },
    ];
  }
  return [];
}

/** 审核/认定: only a return names where it goes, and only to a step before this one. */
function reviewProblems(form: Record<string, unknown>, kind: TaskKind, decision: Decision): FieldError[] {
  const returnTo = form.returnTo as ReturnableStep | undefined;
  if (returnTo === undefined) return [];
  if (decision !== 'return') return [{ field: 'form.returnTo', message: '仅退回时填写' }];
  if (returnTarget(kind, returnTo) !== returnTo) {
    const earlier = RETURNABLE_STEPS.filter((s) => returnTarget(kind, s) === s)
      .map((s) => taskStep(s).label)
      .join('、');
    return [{ field: 'form.returnTo', message: `只能退回到本步骤之前的步骤：${earlier}` }];
  }
  return [];
}

/** 帮扶计划 1+N: at least one item; 防贫保险 names its covers and no other item has any. */
function supportPlanProblems(form: Record<string, unknown>): FieldError[] {
  const plan = form as { safetyNet: { type: string; covers?: string[] }[]; sectorMeasures: unknown[] };
  const problems: FieldError[] = [];
  if (plan.safetyNet.length + plan.sectorMeasures.length === 0) {
    problems.push({
      field: 'form',
      message: '帮扶计划至少须有一项兜底保障（safetyNet）或行业帮扶措施（sectorMeasures）',
    });
  }
  plan.safetyNet.forEach((item, index) => {
    const field = `form.safetyNet[${index}].covers`;
    if (item.type === 'povertyInsurance' && !item.covers?.length) {
      problems.push({ field, message: '防贫保险须选择至少一项保障类型' });
    } else if (item.type !== 'povertyInsurance' && item.covers !== undefined) {
      problems.push({ field, message: '仅防贫保险填写保障类型' });
    }
  });
  return problems;
}

const CROSS_FIELD_RULES: Partial<Record<TaskKind, CrossFieldRule>> = {
  democraticAppraisal: meetingProblems,
  villageRepresentativeMeeting: meetingProblems,
  townshipReview: reviewProblems,
  recognition: reviewProblems,
  supportPlan: supportPlanProblems,
};
