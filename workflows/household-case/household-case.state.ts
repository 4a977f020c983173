// The state of one run of householdCase: what the case knows, and the moves every phase makes with it (a stage,
// a task, an evaluation, the close). The phases (intake.ts … exit.ts) and the handlers read and change it.

import { allHandlersFinished, condition, upsertSearchAttributes } from '@temporalio/workflow';
import type {
  Actor,
  CaseState,
  EligibilityRecord,
  FileObjectionInput,
  HouseholdCaseInput,
  ReportRelapseInput,
  SupportState,
  TaskCompletion,
  WithdrawInput,
} from '../../libs/contracts/src/household-case';
import { SYSTEM_ACTOR } from '../../libs/contracts/src/household-case';
import type { CaseOutcome, EvaluateCaseInput, LedgerEntryInput } from '../../libs/contracts/src/activities';
import { CASE_STAGE_ATTRIBUTE } from '../../libs/contracts/src/search-attributes';
import { FINAL_STAGES } from '../../libs/domain/src';
import type {
  CaseStage,
  DataCheckHit,
  JurisdictionLevel,
  LifecyclePolicy,
  TaskKind,
} from '../../libs/domain/src';
import { InFlight, type StageChange, TaskBoard, type TaskSpec } from '../human-tasks';
import { Incidents } from '../incidents';
import { readModel } from '../proxies';

/** The tasks whose findings the case is evaluated from. */
type EvaluatedKind = 'homeSurvey' | 'periodicReview';

export class HouseholdCase {
  readonly caseId: string;
  stage: CaseStage;
  urgent: boolean;
  readonly inFlight = new InFlight();
  readonly incidents: Incidents;
  readonly activities: typeof readModel;
  readonly board: TaskBoard;
  policy!: LifecyclePolicy;
  support: SupportState | undefined;
  readonly attempts: Partial<Record<string, number>>;
  stageChanges: number;
  evaluation: EligibilityRecord | null = null;
  hits: DataCheckHit[] = [];
  dataCheckRounds: number;
  reEnrolledAs: string | null = null;
  procedureRunning = false;
  /** patched('stage-with-task'): a stage that begins with a task is recorded by that task's openTask. */
  stageWithTask = false;
  /** patched('evaluate-with-decision'): a survey's or review's evaluation is written with its decision. */
  evaluateWithDecision = false;
  temporaryAssistanceOpened: boolean;
  // Requests that arrive by Update or Signal, taken up by the main flow.
  withdrawal: WithdrawInput | undefined;
  relapse: ReportRelapseInput | undefined;
  reevaluation: { actor: Actor; reason: string } | undefined;
  /** Set while the public notice runs: wakes its loop when an objection is filed. */
  wakeNotice: (() => void) | undefined;
  readonly objections: FileObjectionInput[] = [];
  readonly filed = new Set<string>();

  constructor(readonly input: HouseholdCaseInput) {
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

  /** Closed, one way or another. */
  get final(): boolean {
    return FINAL_STAGES.includes(this.stage);
  }

  /** What the caseStateQuery and the Updates answer. */
  get summary(): CaseState {
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
  async answer(done: () => boolean = () => true): Promise<CaseState> {
    await condition(() => done() && this.inFlight.quiet());
    return this.summary;
  }

  setStage(stage: CaseStage): void {
    this.stage = stage;
    this.stageChanges += 1;
    upsertSearchAttributes([{ key: CASE_STAGE_ATTRIBUTE, value: stage }]);
  }

  async enterStage(stage: CaseStage, reason?: string): Promise<void> {
    this.setStage(stage);
    await this.activities.recordStage({ caseId: this.caseId, stage, seq: this.stageChanges, reason });
  }

  /**
   * Enters a stage that begins with a task: the change goes to that task's openTask (one transaction) —
   * what it returns is for the task — or, in runs from before, is written at once.
   */
  async enterTaskStage(stage: CaseStage): Promise<StageChange> {
    if (!this.stageWithTask) {
      await this.enterStage(stage);
      return undefined;
    }
    this.setStage(stage);
    return { seq: this.stageChanges };
  }

  /** A task of the case at its village, township or county. */
  task<K extends TaskKind>(
    level: JurisdictionLevel,
    kind: K,
    extra: Partial<TaskSpec<K>> = {},
  ): Promise<TaskCompletion<K>> {
    const jurisdictionId = this.input.jurisdictions[`${level}Id`];
    return this.board.run({ kind, stage: this.stage, jurisdictionId, ...extra });
  }

  /** Evaluates eligibility from a survey or review form, or (without one) from what is known. */
  async evaluate(key: string, findings?: TaskCompletion<EvaluatedKind>): Promise<void> {
    this.evaluation = await this.activities.evaluateCase(this.evaluationInput(key, findings));
  }

  /**
   * A survey or review at the village, whose approval is evaluated: with the decision, in one write, or (in
   * runs from before) after it. `key` names the evaluation once the decision is in.
   */
  async evaluatedTask<K extends EvaluatedKind>(
    kind: K,
    key: () => string,
    extra: Partial<TaskSpec<K>>,
  ): Promise<TaskCompletion<K>> {
    if (!this.evaluateWithDecision) {
      const decision = await this.task('village', kind, extra);
      if (decision.decision === 'approve') await this.evaluate(key(), decision);
      return decision;
    }
    return this.task('village', kind, {
      ...extra,
      evaluateOnApprove: {
        input: (decision) => this.evaluationInput(key(), decision),
        evaluated: (record) => {
          this.evaluation = record;
        },
      },
    });
  }

  private evaluationInput(key: string, findings?: TaskCompletion<EvaluatedKind>): EvaluateCaseInput {
    const form = findings?.form;
    return {
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
    };
  }

  /** An entry in one of the case's ledgers, its id the case's and `key` (the event's name unless given). */
  writeLedger(
    ledger: LedgerEntryInput['ledger'],
    event: string,
    entry: LedgerEntryInput['entry'],
    key: string = event,
  ): Promise<void> {
    return this.activities.writeLedgerEntry({
      entryId: `${this.caseId}:${key}`,
      ledger,
      caseId: this.caseId,
      event,
      entry,
    });
  }

  async close(outcome: CaseOutcome, reason: string, actor: Actor): Promise<CaseState> {
    await this.activities.closeCase({ caseId: this.caseId, outcome, reason, actor });
    this.stage = outcome;
    upsertSearchAttributes([{ key: CASE_STAGE_ATTRIBUTE, value: outcome }]);
    await condition(() => allHandlersFinished() && this.inFlight.quiet());
    return this.summary;
  }
}
