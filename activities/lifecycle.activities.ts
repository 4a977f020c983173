// Read-model writes and look-ups of the whole lifecycle, besides the tasks themselves. Each write is keyed by
// ids the workflow chose and writes its audit event in the same transaction: a retry changes nothing.

import { Context } from '@temporalio/activity';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  AskDepartmentInput,
  CancelTasksInput,
  CloseCaseInput,
  ClosedTask,
  CloseTaskInput,
  EvaluateCaseInput,
  HouseholdSnapshot,
  LedgerEntryInput,
  LifecycleActivities,
  ReEnrolment,
  ReEnrolmentInput,
  RecordDataCheckInput,
  RecordMeasureInput,
  RecordOverrideInput,
  RecordStageInput,
} from '@libs/contracts/activities';
import type { DataCheckHitEntry } from '@libs/contracts/forms';
import type { EligibilityRecord } from '@libs/contracts/household-case';
import { SYSTEM_ACTOR, householdCaseWorkflowId } from '@libs/contracts/household-case';
import {
  STAGE_LABELS,
  WELLBEING_INDICATORS,
  evaluateEligibility,
  findPovertyLineRule,
  povertyLine,
  surveyedPerCapitaIncome,
} from '@libs/domain';
import type {
  DeploymentEnvironment,
  LifecyclePolicy,
  PovertyLineRule,
  WellbeingIndicators,
} from '@libs/domain';
import {
  appendAuditEvent,
  type CaseWithHousehold,
  HouseholdsRepository,
  LedgersRepository,
  loadDepartmentSecret,
  loadLifecyclePolicy,
  loadPovertyLineRules,
  notifyUsers,
  type OutboundChannel,
  SupportMeasuresRepository,
} from '@libs/persistence';
import { CaseTaskActivitiesImpl, changeStage } from './case-tasks.activities';
import { askDepartmentEndpoint } from './department-endpoint';

const OUTCOME_TITLES: Record<CloseCaseInput['outcome'], string> = {
  rejected: '案件不予认定',
  withdrawn: '申请已撤回',
  closed: '案件已销档',
  reEnrolled: '返贫，已即时纳入新案件',
};

/** The year a date falls in, in China time (UTC+8, no daylight saving). */
function chinaYear(at: Date): number {
  return new Date(at.getTime() + 8 * 3_600_000).getUTCFullYear();
}

/**
 * The line in force: the most specific rule of the year, or, before this year's is published, of the latest
 * earlier year (a line stays in force until replaced).
 */
function lineInForce(
  rules: PovertyLineRule[],
  path: string[],
  year: number,
  area: 'urban' | 'rural',
): PovertyLineRule | undefined {
  const years = [...new Set(rules.map((r) => r.year))].filter((y) => y <= year).sort((a, b) => b - a);
  for (const candidate of years) {
    const rule = findPovertyLineRule(rules, path, candidate, area);
    if (rule) return rule;
  }
  return undefined;
}

export class CaseActivities extends CaseTaskActivitiesImpl implements LifecycleActivities {
  private readonly households = new HouseholdsRepository();
  private readonly ledgers = new LedgersRepository();
  private readonly supportMeasures = new SupportMeasuresRepository();

  constructor(
    dataSource: DataSource,
    policyTimeScale: number,
    outboundChannels: readonly OutboundChannel[] = [],
    /** NODE_ENV: outside development and test, department endpoints must be public https addresses. */
    private readonly environment: DeploymentEnvironment = 'production',
  ) {
    super(dataSource, policyTimeScale, outboundChannels);
  }

  async #findCase(manager: EntityManager, caseId: string): Promise<CaseWithHousehold> {
    const row = await this.cases.findWithHousehold(manager, caseId);
    // The API commits the case before the workflow's first write can see it; until then, retry.
    if (!row) throw new Error(`case ${caseId} not found yet`);
    return row;
  }

  async loadLifecyclePolicy(caseId: string): Promise<LifecyclePolicy> {
    const row = await this.#findCase(this.dataSource.manager, caseId);
    return loadLifecyclePolicy(this.dataSource.manager, row.jurisdiction_path.split('.')[0]);
  }

  async loadHousehold(caseId: string): Promise<HouseholdSnapshot> {
    const row = await this.#findCase(this.dataSource.manager, caseId);
    const members = await this.households.findMembers(this.dataSource, row.household_id);
    return { members: members.map((m) => ({ name: m.name, idNumber: m.id_number, relation: m.relation })) };
  }

  async recordStage(input: RecordStageInput): Promise<void> {
    await this.dataSource.transaction(async (manager) =>
      appendAuditEvent(
        manager,
        await changeStage(this.cases, manager, input.caseId, input.stage, input.seq, input.reason),
      ),
    );
  }

  async cancelTasks(input: CancelTasksInput): Promise<void> {
    if (!input.workflowId && !input.taskIds?.length) return;
    await this.dataSource.transaction((manager) => this.#cancelOpenTasks(manager, input));
  }

  /** Closes open tasks nobody will decide (all of the case's unless narrowed), each audited. */
  async #cancelOpenTasks(manager: EntityManager, input: CancelTasksInput): Promise<void> {
    const cancelled = await this.tasks.cancelOpen(manager, {
      caseId: input.caseId,
      reason: input.reason,
      taskIds: input.taskIds ?? null,
      workflowId: input.workflowId ?? null,
    });
    for (const task of cancelled) {
      await appendAuditEvent(manager, {
        eventKey: `${task.id}:cancelled`,
        actor: SYSTEM_ACTOR,
        action: 'task.cancelled',
        entityType: 'task',
        entityId: task.id,
        caseId: input.caseId,
        before: { status: 'open' },
        after: { status: 'cancelled' },
        reason: input.reason,
      });
    }
  }

  async closeCase(input: CloseCaseInput): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const closed = await this.cases.closeOpen(manager, input.caseId, input.outcome, input.reason);
      if (!closed) return;
      await this.#cancelOpenTasks(manager, {
        caseId: input.caseId,
        reason: `案件${STAGE_LABELS[input.outcome]}：${input.reason}`,
      });
      // A closed case frees its members for a later case; a re-enrolment has handed them on already.
      await this.cases.releaseMembers(manager, input.caseId);
      await appendAuditEvent(manager, {
        eventKey: `${input.caseId}:closed`,
        actor: input.actor,
        action: 'case.closed',
        entityType: 'case',
        entityId: input.caseId,
        caseId: input.caseId,
        before: { stage: closed.stage, status: 'open' },
        after: { stage: input.outcome, status: 'closed' },
        reason: input.reason,
      });
      const caseworkers = await this.users.findVillageCaseworkersAnd(
        manager,
        closed.village_id,
        closed.created_by,
      );
      const place = await this.cases.findVillageAndHead(manager, input.caseId);
      await notifyUsers(manager, {
        eventKey: `${input.caseId}:closed`,
        userIds: caseworkers.map((u) => u.id),
        kind: `case.${input.outcome}`,
        title: OUTCOME_TITLES[input.outcome],
        body: `${place.village}${place.head ?? ''}户的案件（${input.caseId}）${STAGE_LABELS[input.outcome]}：${input.reason}`,
        caseId: input.caseId,
        channels: this.outboundChannels,
      });
    });
  }

  async evaluateCase(input: EvaluateCaseInput): Promise<EligibilityRecord> {
    return this.dataSource.transaction((manager) => this.#evaluateIn(manager, input));
  }

  /** A decision that comes with the case's evaluation: both in one transaction. */
  override async closeTask(input: CloseTaskInput): Promise<ClosedTask> {
    const { evaluation } = input;
    if (!evaluation) return super.closeTask(input);
    return this.dataSource.transaction(async (manager) => {
      await this.closeTaskIn(manager, input);
      return { evaluation: await this.#evaluateIn(manager, evaluation) };
    });
  }

  /** Evaluates eligibility and records it with its audit event, once; a retry answers what was recorded. */
  async #evaluateIn(manager: EntityManager, input: EvaluateCaseInput): Promise<EligibilityRecord> {
    const row = await this.#findCase(manager, input.caseId);
    const survey = input.survey ?? row.evaluation?.survey;
    const perCapitaIncome = input.survey
      ? surveyedPerCapitaIncome(input.survey.incomes)
      : (row.evaluation?.perCapitaIncome ?? Number(row.per_capita_income));
    const path = row.jurisdiction_path.split('.');
    const evaluatedAt = new Date();
    const year = chinaYear(evaluatedAt);
    const rule = lineInForce(
      await loadPovertyLineRules(manager, path),
      path,
      year,
      row.urban ? 'urban' : 'rural',
    );
    const line = rule ? povertyLine(rule) : null;
    const allMet = Object.fromEntries(WELLBEING_INDICATORS.map((i) => [i, true])) as WellbeingIndicators;
    const eligibility = evaluateEligibility({
      perCapitaIncome,
      // Without a line only the qualitative criteria can speak (the note below says so).
      povertyLine: line ?? 0,
      indicators: survey?.indicators ?? allMet,
      hardshipCauses: survey?.povertyCauses ?? [],
      specialHardshipGroup: survey?.specialHardshipGroup ?? false,
      elderlyPoor: survey?.elderlyPoor ?? false,
      dataCheckHits: input.hits,
    });
    const record: EligibilityRecord = {
      ...eligibility,
      reasons:
        line === null
          ? ['本地区未设置相对贫困线，仅按定性标准评估', ...eligibility.reasons]
          : eligibility.reasons,
      perCapitaIncome,
      povertyLine: line,
      year: rule?.year ?? year,
      evaluatedAt: evaluatedAt.toISOString(),
    };
    const first = await appendAuditEvent(manager, {
      eventKey: `${input.caseId}:evaluated:${input.key}`,
      actor: input.actor,
      action: 'case.evaluated',
      entityType: 'case',
      entityId: input.caseId,
      caseId: input.caseId,
      before: row.evaluation && {
        eligible: row.evaluation.eligible,
        perCapitaIncome: row.evaluation.perCapitaIncome,
      },
      after: record,
    });
    if (first) {
      await this.cases.saveEvaluation(manager, input.caseId, { ...record, survey }, perCapitaIncome);
      return record;
    }
    // A retry: answer what the first attempt recorded.
    const recorded = { ...(await this.cases.findEvaluation(manager, input.caseId)) };
    delete recorded.survey;
    return recorded as EligibilityRecord;
  }

  async recordDataCheck(input: RecordDataCheckInput): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const recorded = await appendAuditEvent(manager, {
        eventKey: `${input.caseId}:dataCheck:${input.round}`,
        actor: SYSTEM_ACTOR,
        action: 'dataCheck.completed',
        entityType: 'case',
        entityId: input.caseId,
        caseId: input.caseId,
        before: null,
        after: { round: input.round, hits: input.hits, answers: input.answers },
        reason: input.answers.length === 0 ? '本县未配置比对部门，未做大数据比对' : null,
      });
      if (!recorded) return;
      await this.cases.saveDataCheck(manager, input.caseId, {
        round: input.round,
        hits: input.hits,
        answers: input.answers,
        at: new Date(),
      });
    });
  }

  async recordOverride(input: RecordOverrideInput): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const flagged = await this.ledgers.insertInspectionFlag(manager, {
        id: `${input.taskId}:override`,
        kind: 'hitOverride',
        caseId: input.caseId,
        actor: input.actor,
        reason: input.reason,
        detail: { hits: input.hits, attachmentIds: input.attachmentIds, taskId: input.taskId },
      });
      if (!flagged) return;
      await appendAuditEvent(manager, {
        eventKey: `${input.taskId}:override`,
        actor: input.actor,
        action: 'dataCheck.overridden',
        entityType: 'case',
        entityId: input.caseId,
        caseId: input.caseId,
        before: { disqualifyingHits: input.hits },
        after: { overridden: true, attachmentIds: input.attachmentIds, flaggedForInspection: true },
        reason: input.reason,
      });
    });
  }

  async writeLedgerEntry(input: LedgerEntryInput): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const recordedAt = await this.ledgers.insertEntry(manager, input);
      if (!recordedAt) return;
      if (input.event === 'recognised') await this.cases.setRecognisedAt(manager, input.caseId, recordedAt);
      if (input.event === 'planDrafted') await this.cases.setPlan(manager, input.caseId, input.entry.plan);
      await appendAuditEvent(manager, {
        eventKey: `ledger:${input.entryId}`,
        actor: SYSTEM_ACTOR,
        action: 'ledger.recorded',
        entityType: 'ledgerEntry',
        entityId: input.entryId,
        caseId: input.caseId,
        before: null,
        after: { ledger: input.ledger, event: input.event },
      });
    });
  }

  async recordMeasure(input: RecordMeasureInput): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const measures = await this.supportMeasures.findOfCase(manager, input.caseId);
      const previous = measures.find((m) => m.id === input.measureId);
      const recorded = await appendAuditEvent(manager, {
        eventKey: `${input.measureId}:${input.status}`,
        actor: SYSTEM_ACTOR,
        action: `measure.${input.status}`,
        entityType: 'supportMeasure',
        entityId: input.measureId,
        caseId: input.caseId,
        // null: the measure is new (transferred to its department).
        before: previous ? { status: previous.status } : null,
        after: {
          status: input.status,
          label: input.label,
          department: input.department,
          detail: input.detail,
        },
      });
      if (!recorded) return;
      await this.supportMeasures.upsertStatus(manager, input);
    });
  }

  async askDepartment(input: AskDepartmentInput): Promise<DataCheckHitEntry[]> {
    // The secret is read here, not passed in: the workflow's history must not hold it.
    const secret = await loadDepartmentSecret(this.dataSource, input.caseId, input.department);
    // A cancelled case (withdrawn) stops the call too.
    return askDepartmentEndpoint(input, {
      signal: Context.current().cancellationSignal,
      secret,
      environment: this.environment,
    });
  }

  async openReEnrolment(input: ReEnrolmentInput): Promise<ReEnrolment> {
    return this.dataSource.transaction(async (manager) => {
      const old = await this.#findCase(manager, input.caseId);
      const [county, township] = old.jurisdiction_path.split('.');
      const reEnrolment: ReEnrolment = {
        householdId: old.household_id,
        jurisdictions: { villageId: old.village_id, townshipId: township, countyId: county },
      };
      const created = await this.cases.insertReEnrolment(
        manager,
        input.newCaseId,
        householdCaseWorkflowId(input.newCaseId),
        input.caseId,
      );
      if (!created) return reEnrolment;
      await this.cases.handOverMembers(manager, input.caseId, input.newCaseId);
      await appendAuditEvent(manager, {
        eventKey: `${input.newCaseId}:created`,
        actor: input.actor,
        action: 'case.created',
        entityType: 'case',
        entityId: input.newCaseId,
        caseId: input.newCaseId,
        before: null,
        after: { channel: 'reEnrolment', previousCaseId: input.caseId, villageId: old.village_id },
        reason: input.reason,
      });
      return reEnrolment;
    });
  }
}
