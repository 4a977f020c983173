// What each task kind's form must hold before a decision reaches a workflow: the DTO per kind here; when the
// form is required and the rules across fields and the decision come from the kind's definition
// (libs/domain/src/task-kinds). The workflows read the result as the kind's form interface.

import { instanceToPlain, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import {
  type Decision,
  TASK_KINDS,
  type TaskForms,
  type TaskKind,
  decisionAllowed,
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

/** The DTO each kind's form is validated against; typed so that each builds that kind's form interface. */
export const FORM_DTOS: { [K in TaskKind]: new () => TaskForms[K] } = {
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

/** The kinds whose approval comes with the form (for the OpenAPI description of a completion). */
export const FORM_REQUIRED_ON_APPROVE: readonly TaskKind[] = TASK_KINDS.filter(
  (kind) => taskStep(kind).formRequiredOnApprove,
);

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
    if (decision === 'approve' && step.formRequiredOnApprove) {
      throw new AppException('FORM_INVALID', 400, `办理「${step.label}」须提交表单（form）`, {
        errors: [{ field: 'form', message: '必填' }],
      });
    }
    return undefined;
  }
  const dto: new () => object = FORM_DTOS[kind];
  const instance = plainToInstance(dto, form);
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
  const problems = step.crossFieldRules?.(valid, decision, step) ?? [];
  if (problems.length > 0) throw formInvalid(problems);
  return valid;
}

/**
 * 'reject' and 'return' need a reason; so does an approval where the kind says so (overriding data-check hits on
 * 比对命中复核).
 */
export function requireReason(kind: TaskKind, decision: Decision, reason: string | undefined): void {
  if (decision !== 'approve' && !reason) {
    throw new AppException('REASON_REQUIRED', 400, '退回或不予通过时须填写理由（reason）', {
      errors: [{ field: 'reason', message: '退回或不予通过时必填' }],
    });
  }
  const required = taskStep(kind).reasonOnApprove;
  if (required && decision === 'approve' && (reason ?? '').trim().length < required.minLength) {
    throw new AppException('REASON_REQUIRED', 400, required.message, {
      errors: [{ field: 'reason', message: required.fieldMessage }],
    });
  }
}
