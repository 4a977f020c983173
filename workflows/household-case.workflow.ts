// 案件 householdCase: one household's whole life in the mechanism — intake, data check, the village procedure
// with its public notice, township review and county recognition, the 1+N support plan, half-yearly reviews,
// exit and three months of observation. The workflow is the source of truth; activities mirror each change
// into the read model. It continues as new at each review so that a case of several years keeps a small
// history.

import {
  ApplicationFailure,
  CancellationScope,
  ChildWorkflowCancellationType,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  continueAsNew,
  executeChild,
  getExternalWorkflowHandle,
  isCancellation,
  patched,
  setHandler,
  sleep,
  startChild,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type {
  HomeSurveyForm,
  MeetingForm,
  PeriodicReviewForm,
  ReviewForm,
  SupportPlanForm,
} from '../libs/contracts/src/forms';
import {
  FORM_INVALID,
  HOUSEHOLD_CASE_WORKFLOW,
  STAGE_NOT_ALLOWED,
  caseSettledUpdate,
  caseStateQuery,
  dataCheckWorkflowId,
  fileObjectionUpdate,
  householdCaseWorkflowId,
  markUrgentSignal,
  measureFinishedSignal,
  reevaluateSignal,
  reportRelapseUpdate,
  supportMeasureWorkflowId,
  withdrawUpdate,
} from '../libs/contracts/src/household-case';
import type {
  Actor,
  CaseState,
  CompleteTaskInput,
  DataCheckResult,
  EligibilityRecord,
  FileObjectionInput,
  HouseholdCaseInput,
  OpenTaskSummary,
  ReportRelapseInput,
  SupportState,
  WithdrawInput,
} from '../libs/contracts/src/household-case';
import { SYSTEM_ACTOR } from '../libs/contracts/src/household-case';
import type { CaseOutcome } from '../libs/contracts/src/activities';
import { CASE_STAGE_ATTRIBUTE, CASE_URGENT_ATTRIBUTE } from '../libs/contracts/src/search-attributes';
import {
  FINAL_STAGES,
  SAFETY_NET_LABELS,
  SECTOR_MEASURE_LABELS,
  WITHDRAWABLE_STAGES,
  addDuration,
  disqualifyingHits,
  gradualExitMonths,
  qualifiesForIndividualCoverage,
  meetingSummary,
  planSummary,
  reviewSummary,
  returnTarget,
} from '../libs/domain/src';
import type {
  CaseStage,
  DataCheckHit,
  JurisdictionLevel,
  LifecyclePolicy,
  ReturnableStep,
  TaskKind,
} from '../libs/domain/src';
import { dataCheck } from './data-check.workflow';
import { InFlight, type StageChange, TaskBoard, type TaskSpec } from './human-tasks';
import { Incidents } from './incidents';
import { householdCaseV1 } from './legacy/household-case-v1';
import { readModel } from './proxies';
import { supportMeasure } from './support-measure.workflow';

/** patched() id: the whole lifecycle replaced the village-to-county procedure (2026-11). */
const FULL_LIFECYCLE = 'full-lifecycle';
/** patched() id: a stage that begins with a task is recorded by that task's openTask (2026-11). */
const STAGE_WITH_TASK = 'stage-with-task';

export async function householdCase(input: HouseholdCaseInput): Promise<CaseState> {
  if (!patched(FULL_LIFECYCLE)) return householdCaseV1(input);
  return new HouseholdCase(input).run();
}

/** How the village-to-county procedure ended. */
type ProcedureEnd = { outcome: 'recognised' } | { outcome: 'rejected'; reason: string; actor: Actor };

type Step = 'homeSurvey' | 'democraticAppraisal' | 'publicNotice' | 'townshipReview' | 'recognition';

class HouseholdCase {
  private readonly caseId: string;
  private stage: CaseStage;
  private urgent: boolean;
  private readonly inFlight = new InFlight();
  private readonly incidents: Incidents;
  private readonly activities: typeof readModel;
  private readonly board: TaskBoard;
  private policy!: LifecyclePolicy;
  private support: SupportState | undefined;
  private readonly attempts: Partial<Record<string, number>>;
  private stageChanges: number;
  private evaluation: EligibilityRecord | null = null;
  private hits: DataCheckHit[] = [];
  private dataCheckRounds: number;
  private reEnrolledAs: string | null = null;
  private procedureRunning = false;
  private stageWithTask = false;
  // Requests that arrive by Update or Signal, taken up by the main flow.
  private withdrawal: WithdrawInput | undefined;
  private relapse: ReportRelapseInput | undefined;
  private reevaluation: { actor: Actor; reason: string } | undefined;
  /** Set while the public notice runs: wakes its loop when an objection is filed. */
  private wakeNotice: (() => void) | undefined;
  private readonly objections: FileObjectionInput[] = [];
  private readonly filed = new Set<string>();
  private temporaryAssistanceOpened: boolean;

  constructor(private readonly input: HouseholdCaseInput) {
    this.caseId = input.caseId;
    this.urgent = input.urgent;
    this.support = input.support;
    this.stage = input.support ? 'inSupport' : 'intake';
    this.attempts = { ...input.support?.attempts };
    this.stageChanges = input.support?.stageChanges ?? 0;
    this.dataCheckRounds = (input.support?.reviews ?? 0) + 1;
    this.temporaryAssistanceOpened = input.support?.temporaryAssistanceOpened ?? false;
    this.incidents = new Incidents(this.caseId, (a) => this.inFlight.track(a));
    this.activities = this.incidents.guard(this.inFlight.track(readModel));
    this.board = new TaskBoard({
      caseId: this.caseId,
      ownerId: this.caseId,
      urgent: () => this.urgent,
      inFlight: this.inFlight,
      incidents: this.incidents,
      attempts: this.attempts,
    });
  }

  private state(): CaseState {
    return {
      caseId: this.caseId,
      stage: this.stage,
      openTasks: this.board.openTasks(),
      urgent: this.urgent,
      plan: this.support?.plan ?? null,
      measures: this.support?.measures ?? [],
      evaluation: this.evaluation,
      reEnrolledAs: this.reEnrolledAs,
    };
  }

  /** Answers once the workflow waits (for people, a timer or a child) and has nothing in flight. */
  private async answer(done: () => boolean = () => true): Promise<CaseState> {
    await condition(() => done() && this.inFlight.quiet());
    return this.state();
  }

  private listen(): void {
    this.board.listen(() => this.state());
    setHandler(caseStateQuery, () => this.state());
    setHandler(caseSettledUpdate, () => this.answer());
    setHandler(markUrgentSignal, () => {
      if (this.urgent || FINAL_STAGES.includes(this.stage)) return;
      this.urgent = true;
      upsertSearchAttributes([{ key: CASE_URGENT_ATTRIBUTE, value: true }]);
      this.board.markUrgent();
      for (const measure of this.support?.measures ?? []) {
        if (measure.status === 'running') this.tell(measure.workflowId);
      }
      if (this.stage === 'dataCheck') this.tell(dataCheckWorkflowId(this.caseId, this.dataCheckRounds));
      void this.temporaryAssistance();
    });
    setHandler(reevaluateSignal, (request) => {
      this.reevaluation = request;
    });
    setHandler(measureFinishedSignal, ({ measureId, status }) => {
      const measure = this.support?.measures.find((m) => m.measureId === measureId);
      if (measure) measure.status = status;
    });
    setHandler(
      withdrawUpdate,
      (request) => {
        this.withdrawal = request;
        return this.answer(() => FINAL_STAGES.includes(this.stage));
      },
      {
        validator: (_request) => {
          if (!this.procedureRunning || !WITHDRAWABLE_STAGES.includes(this.stage) || this.withdrawal) {
            throw ApplicationFailure.create({
              type: STAGE_NOT_ALLOWED,
              message: '案件已认定或已办结，不能撤回申请',
            });
          }
        },
      },
    );
    setHandler(
      fileObjectionUpdate,
      (objection) => {
        if (!this.filed.has(objection.objectionId)) {
          this.filed.add(objection.objectionId);
          this.objections.push(objection);
          this.wakeNotice?.();
        }
        return this.answer(() => !this.objections.includes(objection));
      },
      {
        validator: (objection) => {
          if (!this.wakeNotice && !this.filed.has(objection.objectionId)) {
            throw ApplicationFailure.create({
              type: STAGE_NOT_ALLOWED,
              message: '只能在村内公示期间提出异议',
            });
          }
        },
      },
    );
    setHandler(
      reportRelapseUpdate,
      (report) => {
        this.relapse ??= report;
        return this.answer(() => FINAL_STAGES.includes(this.stage));
      },
      {
        validator: (_report) => {
          if (this.stage !== 'observation') {
            throw ApplicationFailure.create({
              type: STAGE_NOT_ALLOWED,
              message: '只有处于持续关注期（退出后三个月内）的案件可以报告返贫',
            });
          }
        },
      },
    );
  }

  /** Passes the urgent flag on to a child workflow; one that has ended has no use for it. */
  private tell(workflowId: string): void {
    void getExternalWorkflowHandle(workflowId)
      .signal(markUrgentSignal, {
        actor: SYSTEM_ACTOR,
        reason: '案件标记为特事特办',
      })
      .catch(() => undefined);
  }

  private setStage(stage: CaseStage): void {
    this.stage = stage;
    this.stageChanges += 1;
    upsertSearchAttributes([{ key: CASE_STAGE_ATTRIBUTE, value: stage }]);
  }

  private async enterStage(stage: CaseStage, reason?: string): Promise<void> {
    this.setStage(stage);
    await this.activities.recordStage({ caseId: this.caseId, stage, seq: this.stageChanges, reason });
  }

  /**
   * Enters a stage that begins with a task: the change goes to that task's openTask (one transaction) —
   * what it returns is for the task — or, in runs from before, is written at once.
   */
  private async enterTaskStage(stage: CaseStage): Promise<StageChange> {
    if (!this.stageWithTask) {
      await this.enterStage(stage);
      return undefined;
    }
    this.setStage(stage);
    return { seq: this.stageChanges };
  }

  /** A task of the case at its village, township or county. */
  private task(
    level: JurisdictionLevel,
    kind: TaskKind,
    extra: Partial<TaskSpec> = {},
  ): Promise<CompleteTaskInput> {
    const jurisdictionId = this.input.jurisdictions[`${level}Id`];
    return this.board.run({ kind, stage: this.stage, jurisdictionId, ...extra });
  }

  async run(): Promise<CaseState> {
    this.listen();
    this.stageWithTask = patched(STAGE_WITH_TASK);
    this.policy = await this.activities.loadLifecyclePolicy(this.caseId);
    if (this.support) {
      // A task still open when the last run continued as new is waited for here.
      for (const task of this.support.openTasks ?? []) void this.temporaryAssistance(task);
      return this.inSupport();
    }
    if (this.urgent) void this.temporaryAssistance();

    // Everything before recognition can be withdrawn: it runs in a scope the withdrawal cancels.
    const procedure = new CancellationScope();
    const cancelOnWithdrawal = condition(() => this.withdrawal !== undefined).then(() => procedure.cancel());
    let end: ProcedureEnd | undefined;
    this.procedureRunning = true;
    try {
      end = await procedure.run(() => this.procedure());
    } catch (error) {
      if (!isCancellation(error) || !this.withdrawal) throw error;
    } finally {
      this.procedureRunning = false;
    }
    void cancelOnWithdrawal;
    if (!end) {
      return this.close('withdrawn', this.withdrawal!.reason, this.withdrawal!.actor);
    }
    if (end.outcome === 'rejected') return this.close('rejected', end.reason, end.actor);
    return this.recognised();
  }

  // ── Before recognition ──────────────────────────────────────────────────────────────────────────────

  private async procedure(): Promise<ProcedureEnd> {
    const { channel } = this.input;
    if (channel === 'referral' || channel === 'monitoringAlert') {
      const intake = await this.task('village', 'intake');
      if (intake.decision === 'reject') return this.rejected(intake);
    }

    const checked = await this.dataCheck();
    this.hits = checked.hits;
    const barred = disqualifyingHits(this.hits);
    if (barred.length > 0) {
      const stageChange = await this.enterTaskStage('hitReview');
      const review = await this.task('county', 'hitReview', {
        stageChange,
        payload: { hits: barred, round: 1 },
      });
      if (review.decision === 'reject') return this.rejected(review);
      await this.activities.recordOverride({
        caseId: this.caseId,
        taskId: `${this.caseId}:hitReview:${this.attempts.hitReview}`,
        hits: barred,
        actor: review.actor,
        reason: review.reason!,
        attachmentIds: (review.form?.attachmentIds as string[] | undefined) ?? [],
      });
      const overridden = new Set(barred);
      this.hits = this.hits.map((hit) =>
        overridden.has(hit)
          ? { ...hit, overridden: { by: review.actor.username, reason: review.reason! } }
          : hit,
      );
    }

    let step: Step = 'homeSurvey';
    for (;;) {
      const decision = await this.procedureStep(step, await this.enterTaskStage(step));
      if (decision.decision === 'reject') return this.rejected(decision);
      if (decision.decision === 'return') {
        step = returnTarget(
          step === 'publicNotice' ? 'objectionInvestigation' : step,
          (decision.form as ReviewForm | undefined)?.returnTo as ReturnableStep | undefined,
        );
        continue;
      }
      if (step === 'recognition') return { outcome: 'recognised' };
      step = NEXT_STEP[step];
    }
  }

  private async procedureStep(step: Step, stageChange: StageChange): Promise<CompleteTaskInput> {
    switch (step) {
      case 'homeSurvey': {
        const survey = await this.task('village', 'homeSurvey', {
          stageChange,
          payload: { hits: this.hits },
        });
        if (survey.decision === 'approve') await this.evaluate(`survey-${this.attempts.homeSurvey}`, survey);
        return survey;
      }
      case 'democraticAppraisal':
        return this.task('village', 'democraticAppraisal', {
          stageChange,
          payload: { evaluation: this.evaluation },
        });
      case 'publicNotice':
        return this.publicNotice(stageChange);
      case 'townshipReview':
        return this.task('township', 'townshipReview', {
          stageChange,
          payload: { evaluation: this.evaluation, hits: this.hits },
        });
      case 'recognition':
        return this.task('county', 'recognition', {
          stageChange,
          payload: { evaluation: this.evaluation, hits: this.hits },
        });
    }
  }

  private rejected(decision: CompleteTaskInput): ProcedureEnd {
    return { outcome: 'rejected', reason: decision.reason ?? '不予认定', actor: decision.actor };
  }

  /** 大数据比对 in a child workflow; a county that has configured no departments skips it (recorded). */
  private async dataCheck(): Promise<DataCheckResult> {
    const round = this.dataCheckRounds;
    await this.enterStage('dataCheck');
    if (this.policy.dataCheckDepartments.length === 0) {
      await this.activities.recordDataCheck({ caseId: this.caseId, round, hits: [], answers: [] });
      return { hits: [], answers: [] };
    }
    const result = await executeChild(dataCheck, {
      workflowId: dataCheckWorkflowId(this.caseId, round),
      args: [
        {
          caseId: this.caseId,
          round,
          jurisdictions: this.input.jurisdictions,
          urgent: this.urgent,
          departments: this.policy.dataCheckDepartments,
        },
      ],
      cancellationType: ChildWorkflowCancellationType.TRY_CANCEL,
    });
    return result;
  }

  /**
   * 村内公示: the caseworker posts the notice; for the notice period anyone may object. Each objection opens
   * an investigation; the notice passes when its period is over and every investigation has dismissed its
   * objection. An upheld objection rejects the case or sends it back to the home survey at once.
   */
  private async publicNotice(stageChange: StageChange): Promise<CompleteTaskInput> {
    const posted = await this.task('village', 'publicNotice', {
      stageChange,
      payload: { period: this.policy.publicNotice },
    });
    const endsAt = addDuration(new Date(), this.policy.publicNotice);
    await this.activities.recordStage({
      caseId: this.caseId,
      stage: 'publicNotice',
      seq: (this.stageChanges += 1),
      reason: `公示期至 ${endsAt.toISOString()}（${String(posted.form?.place ?? '')}）`,
    });
    const investigations = new CancellationScope();
    let upheld: CompleteTaskInput | undefined;
    let running = 0;
    let periodOver = false;
    // Each event (an objection filed, an investigation decided, the period over) wakes the loop within the
    // same activation, so the answer to whoever caused it goes out only once the loop has reacted.
    let wake = () => {};
    this.wakeNotice = () => wake();
    void investigations
      .run(() => sleep(endsAt.getTime() - Date.now()))
      .then(() => {
        periodOver = true;
        wake();
      })
      .catch(() => undefined);
    try {
      while (!upheld && !(periodOver && running === 0)) {
        const objection = this.objections.shift();
        if (!objection) {
          await Promise.race([
            new Promise<void>((resolve) => (wake = resolve)),
            CancellationScope.current().cancelRequested,
          ]);
          continue;
        }
        running += 1;
        void investigations
          .run(() =>
            this.task('village', 'objectionInvestigation', {
              about: objection.objectionId,
              payload: { objector: objection.objector, content: objection.content, filedBy: objection.actor },
            }),
          )
          .then((decision) => {
            running -= 1;
            if (decision.decision !== 'approve') upheld ??= decision;
            wake();
          })
          .catch(() => undefined);
      }
    } finally {
      this.wakeNotice = undefined;
    }
    // Other investigations are moot once one objection is upheld.
    const moot = this.board.openTasks().filter((t) => t.kind === 'objectionInvestigation');
    investigations.cancel();
    if (!upheld) return posted;
    if (moot.length > 0) {
      await this.activities.cancelTasks({
        caseId: this.caseId,
        taskIds: moot.map((t) => t.taskId),
        reason: '另一异议已查实，本异议不再调查',
      });
    }
    return upheld;
  }

  private async evaluate(key: string, findings?: CompleteTaskInput): Promise<void> {
    const form = findings?.form as HomeSurveyForm | PeriodicReviewForm | undefined;
    this.evaluation = await this.activities.evaluateCase({
      caseId: this.caseId,
      key,
      survey: form && {
        incomes: form.incomes,
        indicators: form.indicators,
        povertyCauses: 'povertyCauses' in form ? form.povertyCauses : [],
        specialHardshipGroup: 'specialHardshipGroup' in form ? form.specialHardshipGroup : undefined,
        elderlyPoor: 'elderlyPoor' in form ? form.elderlyPoor : undefined,
      },
      hits: this.hits,
      actor: findings?.actor ?? SYSTEM_ACTOR,
    });
  }

  // ── 特事特办 ────────────────────────────────────────────────────────────────────────────────────────

  /** Temporary assistance for an urgent case, at once and alongside the procedure (once per case). */
  private async temporaryAssistance(resumed?: OpenTaskSummary): Promise<void> {
    if (this.temporaryAssistanceOpened && !resumed) return;
    this.temporaryAssistanceOpened = true;
    const decision = await this.task('county', 'temporaryAssistance', { stage: this.stage, resumed });
    if (decision.decision !== 'approve') return;
    await this.activities.writeLedgerEntry({
      entryId: `${this.caseId}:temporaryAssistance`,
      ledger: 'support',
      caseId: this.caseId,
      event: 'temporaryAssistance',
      entry: {
        summary: `临时救助 ${String(decision.form?.amount)} 元（特事特办）`,
        ...decision.form,
        decidedBy: decision.actor.username,
      },
    });
  }

  // ── Recognition, plan and support ──────────────────────────────────────────────────────────────────

  private async recognised(): Promise<CaseState> {
    const recognisedAt = new Date().toISOString();
    await this.activities.writeLedgerEntry({
      entryId: `${this.caseId}:recognised`,
      ledger: 'identification',
      caseId: this.caseId,
      event: 'recognised',
      entry: {
        summary: `认定纳入：${this.evaluation?.reasons.join('；') ?? ''}`,
        recognisedAt,
        evaluation: this.evaluation,
        hits: this.hits,
        channel: this.input.channel ?? 'application',
      },
    });
    this.support = {
      recognisedAt,
      reviews: 0,
      lastReviewAt: recognisedAt,
      planVersion: 0,
      plan: { safetyNet: [], sectorMeasures: [] },
      measures: [],
      temporaryAssistanceOpened: this.temporaryAssistanceOpened,
      stageChanges: this.stageChanges,
      attempts: this.attempts,
    };
    await this.draftPlan();
    return this.inSupport();
  }

  /** 制定帮扶计划 1+N: the county centre drafts it; each item becomes a supportMeasure workflow. */
  private async draftPlan(): Promise<void> {
    const support = this.support!;
    const stageChange = await this.enterTaskStage('supportPlan');
    // 渐退期 and 单人保 are counted from the 低保 standard and the household's income as last evaluated.
    const income = this.evaluation?.perCapitaIncome ?? 0;
    const standard = this.policy.minimumLivingStandard;
    const gradualExitAllowed = gradualExitMonths(income, standard);
    const individualCoverageAllowed = qualifiesForIndividualCoverage({
      perCapitaIncome: income,
      minimumLivingStandard: standard,
      member: { severeDisability: true, seriousIllness: true },
    });
    const drafted = await this.task('county', 'supportPlan', {
      stageChange,
      payload: {
        evaluation: this.evaluation,
        previousPlan: support.planVersion > 0 ? support.plan : null,
        minimumLivingStandard: standard,
        gradualExitMonthsAllowed: gradualExitAllowed,
        individualCoverageAllowed,
      },
      validate: (decision) => {
        const form = decision.form as SupportPlanForm | undefined;
        if ((form?.gradualExitMonths ?? 0) > gradualExitAllowed) {
          throw ApplicationFailure.create({
            type: FORM_INVALID,
            message:
              `渐退期只适用于家庭年人均收入高于低保标准（${standard}元）且不超过其2倍的家庭；` +
              `本户人均${income}元，form.gradualExitMonths 最多为${gradualExitAllowed}`,
          });
        }
        if (form?.individualCoverage?.length && !individualCoverageAllowed) {
          throw ApplicationFailure.create({
            type: FORM_INVALID,
            message: `单人保只适用于家庭年人均收入低于低保标准2倍（${2 * standard}元）的家庭；本户人均${income}元`,
          });
        }
      },
    });
    const plan = drafted.form as unknown as SupportPlanForm;
    support.planVersion += 1;
    support.plan = plan;
    await this.activities.writeLedgerEntry({
      entryId: `${this.caseId}:plan-${support.planVersion}`,
      ledger: 'support',
      caseId: this.caseId,
      event: 'planDrafted',
      entry: {
        summary: planSummary(support.planVersion, plan),
        version: support.planVersion,
        plan,
        draftedBy: drafted.actor.username,
      },
    });
    const items = [
      ...plan.safetyNet.map((item) => ({
        label: SAFETY_NET_LABELS[item.type],
        department: item.department,
        item,
      })),
      ...plan.sectorMeasures.map((item) => ({
        label: SECTOR_MEASURE_LABELS[item.sector],
        department: item.department,
        item,
      })),
    ];
    for (const [index, { label, department, item }] of items.entries()) {
      const measureId = `${this.caseId}:p${support.planVersion}m${index + 1}`;
      const workflowId = supportMeasureWorkflowId(measureId);
      await startChild(supportMeasure, {
        workflowId,
        args: [
          {
            caseId: this.caseId,
            measureId,
            jurisdictions: this.input.jurisdictions,
            urgent: this.urgent,
            label,
            department,
            item: item as unknown as Record<string, unknown>,
          },
        ],
        // Measures outlive this run (it continues as new at each review).
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
      support.measures.push({ measureId, workflowId, label, department, status: 'running' });
    }
  }

  /**
   * 帮扶中: a review every reviewInterval (sooner when a re-evaluation finds the household no longer meets the
   * criteria). Each review re-runs the data check, then the caseworker re-checks income and indicators and
   * concludes: continue (past the one-year limit only with a justification), adjust the plan, or propose exit.
   */
  private async inSupport(): Promise<CaseState> {
    const support = this.support!;
    // A run continued at a review boundary starts in support already.
    if (this.stage !== 'inSupport') await this.enterStage('inSupport');
    const dueAt = addDuration(new Date(support.lastReviewAt), this.policy.reviewInterval).getTime();
    for (;;) {
      const early = await condition(() => this.reevaluation !== undefined, Math.max(dueAt - Date.now(), 1));
      if (!early) break;
      const request = this.reevaluation!;
      this.reevaluation = undefined;
      await this.evaluate(`reevaluate-${this.stageChanges}`);
      await this.activities.recordStage({
        caseId: this.caseId,
        stage: 'inSupport',
        seq: (this.stageChanges += 1),
        reason: `按新标准重新评估（${request.reason}）：${this.evaluation?.eligible ? '仍符合条件' : '已不符合条件，提前核查'}`,
      });
      if (!this.evaluation?.eligible) break;
    }

    this.dataCheckRounds = support.reviews + 2;
    const checked = await this.dataCheck();
    this.hits = checked.hits;
    const stageChange = await this.enterTaskStage('periodicReview');
    const limitReached =
      Date.now() >= addDuration(new Date(support.recognisedAt), this.policy.supportLimit).getTime();
    const review = await this.task('village', 'periodicReview', {
      stageChange,
      payload: {
        round: support.reviews + 1,
        hits: this.hits,
        evaluation: this.evaluation,
        limitReached,
        plan: support.plan,
      },
      validate: (decision) => {
        const form = decision.form as PeriodicReviewForm | undefined;
        if (limitReached && form?.outcome !== 'proposeExit' && !form?.justification?.trim()) {
          throw ApplicationFailure.create({
            type: FORM_INVALID,
            message: '帮扶已满一年，继续帮扶或调整计划须填写理由（form.justification）',
          });
        }
      },
    });
    await this.evaluate(`review-${support.reviews + 1}`, review);
    const form = review.form as unknown as PeriodicReviewForm;
    support.reviews += 1;
    support.lastReviewAt = new Date().toISOString();
    await this.activities.writeLedgerEntry({
      entryId: `${this.caseId}:review-${support.reviews}`,
      ledger: 'support',
      caseId: this.caseId,
      event: 'reviewed',
      entry: {
        summary: reviewSummary(support.reviews, form.outcome, form.justification),
        round: support.reviews,
        outcome: form.outcome,
        justification: form.justification ?? null,
        limitReached,
        evaluation: this.evaluation,
        reviewedBy: review.actor.username,
      },
    });
    if (form.outcome === 'proposeExit') {
      const exited = await this.exit();
      if (exited) return exited;
    } else if (form.outcome === 'adjustPlan') {
      await this.draftPlan();
    }
    return this.continueAtReviewBoundary();
  }

  private async continueAtReviewBoundary(): Promise<CaseState> {
    const support = this.support!;
    support.stageChanges = this.stageChanges;
    support.attempts = this.attempts;
    support.temporaryAssistanceOpened = this.temporaryAssistanceOpened;
    // Only temporary assistance can still be open here (it runs beside the reviews).
    support.openTasks = this.board.openTasks().filter((t) => t.kind === 'temporaryAssistance');
    await this.enterStage('inSupport');
    support.stageChanges = this.stageChanges;
    await condition(() => allHandlersFinished() && this.inFlight.quiet());
    return continueAsNew<typeof householdCase>({ ...this.input, urgent: this.urgent, support });
  }

  /** 退出: the village representative meeting confirms (or not); then three months of observation. */
  private async exit(): Promise<CaseState | undefined> {
    const support = this.support!;
    const stageChange = await this.enterTaskStage('exit');
    const meeting = await this.task('village', 'villageRepresentativeMeeting', {
      stageChange,
      payload: { evaluation: this.evaluation },
    });
    if (meeting.decision !== 'approve') return undefined;
    await this.activities.writeLedgerEntry({
      entryId: `${this.caseId}:exited`,
      ledger: 'exit',
      caseId: this.caseId,
      event: 'exited',
      entry: {
        summary: meetingSummary(meeting.form as unknown as MeetingForm),
        meeting: meeting.form,
        evaluation: this.evaluation,
        decidedBy: meeting.actor.username,
      },
    });
    // Support ends with the exit: measures still under way stop (each closes its open tasks).
    for (const measure of support.measures) {
      if (measure.status !== 'running') continue;
      await getExternalWorkflowHandle(measure.workflowId)
        .cancel()
        .catch(() => undefined);
      measure.status = 'cancelled';
    }

    await this.enterStage('observation');
    const until = addDuration(new Date(), this.policy.observation).getTime();
    const relapsed = await condition(() => this.relapse !== undefined, Math.max(until - Date.now(), 1));
    if (!relapsed) {
      await this.activities.writeLedgerEntry({
        entryId: `${this.caseId}:closed`,
        ledger: 'exit',
        caseId: this.caseId,
        event: 'closed',
        entry: { summary: '持续关注期满，未返贫，销档', observation: this.policy.observation },
      });
      return this.close('closed', '持续关注期满，未返贫，销档', SYSTEM_ACTOR);
    }
    return this.reEnrol(this.relapse!);
  }

  /** 即时纳入: a new case, linked to this one, goes through the procedure at once; this one closes. */
  private async reEnrol(report: ReportRelapseInput): Promise<CaseState> {
    const newCaseId = uuid4();
    const reEnrolment = await this.activities.openReEnrolment({
      caseId: this.caseId,
      newCaseId,
      actor: report.actor,
      reason: report.reason,
    });
    await startChild(HOUSEHOLD_CASE_WORKFLOW, {
      workflowId: householdCaseWorkflowId(newCaseId),
      args: [
        {
          caseId: newCaseId,
          householdId: reEnrolment.householdId,
          jurisdictions: reEnrolment.jurisdictions,
          urgent: this.urgent,
          channel: 'reEnrolment',
          previousCaseId: this.caseId,
        } satisfies HouseholdCaseInput,
      ],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      taskQueue: workflowInfo().taskQueue,
    });
    this.reEnrolledAs = newCaseId;
    await this.activities.writeLedgerEntry({
      entryId: `${this.caseId}:reEnrolled`,
      ledger: 'exit',
      caseId: this.caseId,
      event: 'reEnrolled',
      entry: {
        summary: `返贫即时纳入新案件 ${newCaseId}：${report.reason}`,
        newCaseId,
        reason: report.reason,
        source: report.source,
        reportedBy: report.actor.username,
      },
    });
    return this.close('reEnrolled', report.reason, report.actor);
  }

  private async close(outcome: CaseOutcome, reason: string, actor: Actor): Promise<CaseState> {
    await this.activities.closeCase({ caseId: this.caseId, outcome, reason, actor });
    this.stage = outcome;
    upsertSearchAttributes([{ key: CASE_STAGE_ATTRIBUTE, value: outcome }]);
    await condition(() => allHandlersFinished() && this.inFlight.quiet());
    return this.state();
  }
}

const NEXT_STEP: Record<Exclude<Step, 'recognition'>, Step> = {
  homeSurvey: 'democraticAppraisal',
  democraticAppraisal: 'publicNotice',
  publicNotice: 'townshipReview',
  townshipReview: 'recognition',
};
