import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { UpdateDefinition } from '@temporalio/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type CaseState,
  type HouseholdCaseInput,
  type IntakeChannel,
  fileObjectionUpdate,
  householdCaseWorkflowId,
  reportRelapseUpdate,
  withdrawUpdate,
} from '@libs/contracts';
import { STAGE_LABELS, canonicalJson, maskIdNumber, perCapitaIncome } from '@libs/domain';
import {
  AttachmentsRepository,
  CasesRepository,
  HouseholdsRepository,
  JurisdictionsRepository,
  SupportMeasuresRepository,
  TasksRepository,
  appendAuditEvent,
  findCaseEvents,
} from '@libs/persistence';
import type { AuthUser } from '../auth/auth-user';
import { actorOf, inScope } from '../auth/auth-user';
import { AppException } from '../common/app.exception';
import { IncidentsService } from '../incidents/incidents.service';
import { isDatabaseConflict } from '../common/database-errors';
import { checkIdempotencyKey } from '../common/idempotency';
import { caseVisibleTo, findCaseInScope } from './case-access';
import { taskView, stageView } from './case-view';
import { caseHistoryEntry } from '../audit/audit-event-view';
import type {
  CaseReasonDto,
  CreateCaseDto,
  HouseholdDto,
  MonitoringAlertDto,
  ObjectionDto,
  ReferralDto,
} from './dto/create-case.dto';
import { WorkingCalendar } from '../tasks/working-calendar';
import { TemporalGateway } from '../temporal/temporal.gateway';
import { WorkflowAlreadyStarted, WorkflowGone } from '../temporal/temporal-errors';

/** A member already in an open case, found by the insert: answered by openCaseExists once it rolled back. */
class OpenCaseTaken extends Error {
  constructor(readonly idNumber: string) {
    super('a member is already in an open case');
  }
}

@Injectable()
export class CasesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CasesRepository,
    private readonly households: HouseholdsRepository,
    private readonly jurisdictions: JurisdictionsRepository,
    private readonly measures: SupportMeasuresRepository,
    private readonly tasks: TasksRepository,
    private readonly attachments: AttachmentsRepository,
    private readonly incidents: IncidentsService,
    private readonly calendar: WorkingCalendar,
    private readonly temporal: TemporalGateway,
  ) {}

  /** 个人申报: the application with its causes and the signed data consent. */
  application(dto: CreateCaseDto, user: AuthUser, key: string | undefined) {
    return this.create(
      dto,
      user,
      'application',
      { povertyCauses: dto.povertyCauses, dataConsent: dto.dataConsent },
      key,
    );
  }

  /** 部门预警: a department officer's referral; the caseworker takes it in with the consent. */
  referral(dto: ReferralDto, user: AuthUser, key: string | undefined) {
    return this.create(
      dto,
      user,
      'referral',
      { referral: { department: user.department, category: dto.category, detail: dto.detail } },
      key,
    );
  }

  /** 监测预警: an alert of dynamic monitoring; the caseworker takes it in with the consent. */
  monitoringAlert(dto: MonitoringAlertDto, user: AuthUser, key: string | undefined) {
    return this.create(dto, user, 'monitoringAlert', { alert: { kind: dto.kind, detail: dto.detail } }, key);
  }

  /**
   * Records the household and its case, starts the workflow, answers once the first task is open. With an
   * Idempotency-Key the case id follows from the user and the key, so a repeat (a retry after a dropped
   * answer, a double click with both requests in flight) meets the first one's workflow id and rows and is
   * answered with that case (intakeRepeat) instead of making another.
   */
  private async create(
    dto: HouseholdDto,
    user: AuthUser,
    channel: IntakeChannel,
    application: Record<string, unknown>,
    key: string | undefined,
  ) {
    checkIdempotencyKey(key);
    const heads = dto.members.filter((m) => m.relation === 'head');
    if (heads.length !== 1) {
      throw new AppException(
        'HOUSEHOLD_HEAD_REQUIRED',
        400,
        'members 中须有且只有一名户主（relation 为 head）',
        {
          errors: [{ field: 'members', message: '须有且只有一名户主' }],
        },
      );
    }
    const seen = new Set<string>();
    for (const [index, member] of dto.members.entries()) {
      if (seen.has(member.idNumber)) {
        throw new AppException('DUPLICATE_MEMBER', 400, `members[${index}].idNumber 与其他成员重复`, {
          errors: [{ field: `members[${index}].idNumber`, message: '与其他成员重复' }],
        });
      }
      seen.add(member.idNumber);
    }
    const village = await this.jurisdictions.findVillage(this.dataSource, dto.villageId);
    if (!village || !inScope(user.jurisdictionPath, village.path)) {
      throw new AppException(
        'VILLAGE_NOT_FOUND',
        404,
        `村(社区) ${dto.villageId} 不存在或不在您的管辖范围内`,
        {
          errors: [{ field: 'villageId', message: '不存在或不在管辖范围内' }],
        },
      );
    }

    const caseId = key === undefined ? randomUUID() : keyedCaseId(user.userId, key);
    const requestDigest = key === undefined ? null : intakeDigest(channel, dto);
    const householdId = randomUUID();
    const workflowId = householdCaseWorkflowId(caseId);
    if (requestDigest && (await this.intakeDigestOf(caseId)) !== undefined) {
      return this.intakeRepeat(caseId, requestDigest, user);
    }
    const input: HouseholdCaseInput = {
      caseId,
      householdId,
      channel,
      urgent: dto.urgent ?? false,
      jurisdictions: { villageId: village.id, townshipId: village.township_id, countyId: village.county_id },
    };
    // A person already in an open case is refused before anything starts (the insert below re-checks atomically).
    const taken = await this.cases.findClaimedMember(
      this.dataSource,
      dto.members.map((m) => m.idNumber),
    );
    // Taken by the first request of this key, committed since the look above.
    if (taken && requestDigest && taken.case_id === caseId)
      return this.intakeRepeat(caseId, requestDigest, user);
    if (taken) throw await this.openCaseExists(taken.id_number, user);
    // The workflow starts first, outside any transaction: if Temporal does not answer, nothing is written and
    // the caller hears so within the deadline. The case's rows follow in one transaction; if that fails, the
    // workflow is terminated. Its first step reads the case, retrying until the commit lands.
    const runId = await this.temporal.startCase(input).catch(async (error) => {
      // The first request of this key started the case and is writing it (or has written it).
      if (requestDigest && error instanceof WorkflowAlreadyStarted) return undefined;
      // A start that timed out may still have happened: make sure no case runs without its rows.
      await this.terminate(workflowId);
      throw error;
    });
    if (!runId) return this.intakeRepeat(caseId, requestDigest!, user);
    try {
      await this.dataSource.transaction((manager) =>
        this.insertCase(manager, dto, user, {
          caseId,
          householdId,
          workflowId,
          village,
          channel,
          application,
          requestDigest,
        }),
      );
    } catch (error) {
      // Only this request's run: another's, of the same key, may own the case.
      await this.terminate(workflowId, runId);
      // The case of this key was written by an earlier run meanwhile: the primary key refused a second one.
      if (requestDigest && isDatabaseConflict(error) && (await this.intakeDigestOf(caseId)) !== undefined) {
        return this.intakeRepeat(caseId, requestDigest, user);
      }
      throw error instanceof OpenCaseTaken ? await this.openCaseExists(error.idNumber, user) : error;
    }
    // Answer once the first task is open, so the caller's inbox already shows it.
    const state = await this.temporal.caseSettled(caseId).catch(() => undefined);
    return { ...(await this.findOne(caseId, user)), workflowState: state };
  }

  /** The request digest the case was entered with; null: entered without a key; undefined: no such case. */
  private intakeDigestOf(caseId: string): Promise<string | null | undefined> {
    return this.cases.findIntakeDigest(this.dataSource, caseId);
  }

  /**
   * A repeat of an intake with the same key: the case it made, once its first request has written it, if the
   * repeat says the same; a 422 if the key was used for a different request.
   */
  private async intakeRepeat(caseId: string, requestDigest: string, user: AuthUser) {
    // The case's workflow answers once its first step has read the rows (and its first task is open); it fails
    // if the first request could not write them and stopped it.
    const state = await this.temporal.caseSettled(caseId).catch(() => undefined);
    const digest = await this.intakeDigestOf(caseId);
    if (digest === undefined) {
      throw new AppException(
        'INTAKE_PENDING',
        409,
        '使用同一 Idempotency-Key 的登记尚未办完或未能登记：请稍后在“我发起的”中查看，未见该户再重新提交',
      );
    }
    if (digest !== requestDigest) {
      throw new AppException(
        'IDEMPOTENCY_KEY_REUSED',
        422,
        '该 Idempotency-Key 已用于另一份内容不同的登记，本次未登记；新的登记请使用新的 Idempotency-Key',
      );
    }
    return { ...(await this.findOne(caseId, user)), workflowState: state };
  }

  /**
   * 409 for a person already in an open case. It names the township, village, case and stage only when the
   * caller may see that case (case-access.ts); otherwise it says no more than that the case exists elsewhere.
   * Either way the probe is audited, in a transaction of its own: the request that made it fails.
   */
  private async openCaseExists(idNumber: string, user: AuthUser): Promise<AppException> {
    const other = await this.cases.findOpenCaseOfMember(this.dataSource, idNumber);
    // The other case may have closed since the conflict: then there is nothing to name either.
    const visible = other !== undefined && (await caseVisibleTo(this.dataSource, this.cases, other.id, user));
    await this.dataSource.transaction((manager) =>
      appendAuditEvent(manager, {
        eventKey: `case.duplicateRefused:${randomUUID()}`,
        actor: actorOf(user),
        action: 'case.duplicateRefused',
        entityType: 'openCaseMember',
        entityId: maskIdNumber(idNumber),
        caseId: other?.id ?? null,
        before: null,
        after: {
          idNumber: maskIdNumber(idNumber),
          existingCaseId: other?.id ?? null,
          namedToCaller: visible,
        },
      }),
    );
    if (!visible) {
      return new AppException(
        'OPEN_CASE_EXISTS',
        409,
        `身份证号 ${maskIdNumber(idNumber)} 已在其他地方有在办案件，同一人不能同时有两个在办案件；` +
          '如需核实，请联系县相对贫困服务中心',
      );
    }
    return new AppException(
      'OPEN_CASE_EXISTS',
      409,
      `身份证号 ${maskIdNumber(idNumber)} 已在${other.township_name}${other.village_name}的在办案件（${other.id}，` +
        `${STAGE_LABELS[other.stage]}）中，同一人不能同时有两个在办案件`,
      { existingCaseId: other.id },
    );
  }

  private async insertCase(
    manager: EntityManager,
    dto: HouseholdDto,
    user: AuthUser,
    ids: {
      caseId: string;
      householdId: string;
      workflowId: string;
      village: { id: string; path: string };
      channel: IntakeChannel;
      application: Record<string, unknown>;
      requestDigest: string | null;
    },
  ): Promise<void> {
    const { caseId, householdId, workflowId, village, channel, application, requestDigest } = ids;
    const income = perCapitaIncome(dto.members.map((m) => m.annualIncome));
    await this.households.insert(manager, {
      id: householdId,
      village_id: village.id,
      address: dto.address,
      phone: dto.phone ?? null,
      urban: dto.urban ?? false,
    });
    await this.households.insertMembers(
      manager,
      dto.members.map((member) => ({
        id: randomUUID(),
        household_id: householdId,
        name: member.name,
        id_number: member.idNumber,
        relation: member.relation,
        annual_income: member.annualIncome,
      })),
    );
    await this.cases.insertIntake(manager, {
      id: caseId,
      household_id: householdId,
      workflow_id: workflowId,
      channel,
      urgent: dto.urgent ?? false,
      village_id: village.id,
      jurisdiction_path: village.path,
      per_capita_income: income,
      application,
      created_by: user.userId,
      intake_request_digest: requestDigest,
    });
    const idNumbers = dto.members.map((m) => m.idNumber);
    const claimed = await this.cases.claimMembers(manager, caseId, idNumbers);
    if (claimed.length < idNumbers.length) {
      throw new OpenCaseTaken(idNumbers.find((id) => !claimed.includes(id))!);
    }
    await appendAuditEvent(manager, {
      eventKey: `${caseId}:created`,
      actor: user,
      action: 'case.created',
      entityType: 'case',
      entityId: caseId,
      caseId,
      before: null,
      after: {
        channel,
        villageId: village.id,
        members: dto.members.length,
        perCapitaIncome: income,
        urgent: dto.urgent ?? false,
      },
    });
  }

  async findOne(caseId: string, user: AuthUser) {
    const row = await findCaseInScope(this.dataSource, this.cases, caseId, user);
    const members = await this.households.findMembers(this.dataSource, row.household_id);
    const tasks = await this.tasks.findOfCase(this.dataSource, caseId);
    const now = new Date();
    const daysLeft = await this.calendar.daysLeft(now);
    const measures = await this.measures.findOfCase(this.dataSource, caseId);
    // The survey's findings stay in the read model for re-evaluation; the view shows the verdict.
    const evaluation = row.evaluation && { ...row.evaluation };
    delete evaluation?.survey;
    return {
      id: row.id,
      ...stageView(row.stage),
      status: row.status,
      channel: row.channel,
      urgent: row.urgent,
      villageId: row.village_id,
      villageName: row.village_name,
      address: row.address,
      perCapitaIncome: Number(row.per_capita_income),
      application: row.application,
      members: members.map((m) => ({
        name: m.name,
        idNumber: m.id_number,
        relation: m.relation,
        annualIncome: Number(m.annual_income),
      })),
      evaluation,
      dataCheck: row.data_check,
      plan: row.plan,
      measures: measures.map((m) => ({
        id: m.id,
        label: m.label,
        department: m.department,
        item: m.item,
        status: m.status,
        detail: m.detail,
        updatedAt: m.updated_at.toISOString(),
      })),
      // A department officer sees its own department's tasks of the case, not the other departments' business.
      tasks: tasks
        .filter((t) => user.role !== 'departmentOfficer' || t.department === user.department)
        .map((t) => taskView(t, now, daysLeft(t))),
      incidents: await this.incidents.unresolvedOfCase(caseId),
      outcomeReason: row.outcome_reason,
      recognisedAt: row.recognised_at?.toISOString() ?? null,
      previousCaseId: row.previous_case_id,
      reEnrolledAs: row.re_enrolled_as,
      createdAt: row.created_at.toISOString(),
      closedAt: row.closed_at?.toISOString() ?? null,
    };
  }

  /** 撤回: the applicant withdraws before recognition; the case closes with the reason. */
  withdraw(caseId: string, dto: CaseReasonDto, user: AuthUser, key: string | undefined) {
    return this.sendUpdate(caseId, user, withdrawUpdate, { actor: actorOf(user), reason: dto.reason }, key);
  }

  /** 异议 during the public notice: opens an investigation task for the village. */
  async fileObjection(caseId: string, dto: ObjectionDto, user: AuthUser, key: string | undefined) {
    // Short (it goes into the investigation's task id), and the same for a repeat of the same request.
    const objectionId = `o${createHash('sha256')
      .update(key ?? randomUUID())
      .digest('hex')
      .slice(0, 12)}`;
    const answer = await this.sendUpdate(
      caseId,
      user,
      fileObjectionUpdate,
      { actor: actorOf(user), objectionId, objector: dto.objector, content: dto.content },
      key,
    );
    // The workflow took it (its investigation is open, by the system): who filed it and what it says. A repeat
    // of the request meets the same key.
    await this.dataSource.transaction((manager) =>
      appendAuditEvent(manager, {
        eventKey: `${caseId}:objection:${objectionId}`,
        actor: actorOf(user),
        action: 'case.objectionFiled',
        entityType: 'case',
        entityId: caseId,
        caseId,
        before: null,
        after: { objectionId, objector: dto.objector, content: dto.content },
      }),
    );
    return answer;
  }

  /** 返贫 during observation: the household re-enrols at once as a new case linked to this one. */
  reportRelapse(caseId: string, dto: CaseReasonDto, user: AuthUser, key: string | undefined) {
    const source =
      user.role === 'departmentOfficer'
        ? 'department'
        : user.role === 'caseworker'
          ? 'caseworker'
          : 'monitoring';
    return this.sendUpdate(
      caseId,
      user,
      reportRelapseUpdate,
      { actor: actorOf(user), reason: dto.reason, source },
      key,
    );
  }

  /** Sends a request to the case's workflow; the idempotency key is the update id, so a repeat does nothing. */
  private async sendUpdate<Arg>(
    caseId: string,
    user: AuthUser,
    update: UpdateDefinition<CaseState, [Arg]>,
    arg: Arg,
    key: string | undefined,
  ) {
    checkIdempotencyKey(key);
    const found = await this.findOne(caseId, user);
    if (found.status !== 'open') {
      throw new AppException(
        'CASE_CLOSED',
        409,
        `案件 ${caseId} 已办结（${found.stageLabel}），不能再办理此操作`,
      );
    }
    const state = await this.temporal
      .update(householdCaseWorkflowId(caseId), update, arg, key && `${update.name}:${key}`)
      .catch((error) => {
        if (error instanceof WorkflowGone) {
          throw new AppException('CASE_CLOSED', 409, `案件 ${caseId} 已办结，不能再办理此操作`);
        }
        throw error;
      });
    return { ...(await this.findOne(caseId, user)), workflowState: state };
  }

  /** Best effort, under its own deadline: a case whose rows were not written must not run. */
  /**
   * Stops a case's run whose rows were not written. Tried again for about three seconds: the failure that lost
   * the rows (a dropped connection, the database restarting) may be troubling Temporal's own persistence too.
   * A run left over ends on its own: its first step gives up on rows that never come.
   */
  private async terminate(workflowId: string, runId?: string): Promise<void> {
    const giveUpAt = Date.now() + 3_000;
    for (let pauseMs = 250; ; pauseMs *= 2) {
      const stopped = await this.temporal.terminate(workflowId, runId, '案件未能写入数据库').then(
        () => true,
        (error: unknown) => error instanceof WorkflowGone,
      );
      if (stopped || Date.now() + pauseMs > giveUpAt) return;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }

  /** 全程留痕: every event of the case, oldest first, each with the attachments it cites named and linked. */
  async history(caseId: string, user: AuthUser) {
    await findCaseInScope(this.dataSource, this.cases, caseId, user);
    const [events, attachments] = await Promise.all([
      findCaseEvents(this.dataSource, caseId),
      this.attachments.findOfCase(this.dataSource, caseId),
    ]);
    const byId = new Map(attachments.map((a) => [a.id, a]));
    return events.map((e) => caseHistoryEntry(e, byId));
  }
}

/**
 * The case id an intake's Idempotency-Key stands for: the same for every repeat by the same user, unrelated to
 * anyone else's key. A name-based UUID (RFC 9562 version 8, from SHA-256).
 */
function keyedCaseId(userId: string, key: string): string {
  const hex = createHash('sha256').update(`intake:${userId}:${key}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** What an intake request says (its route and body), to tell a repeat from a different request with the key. */
function intakeDigest(channel: IntakeChannel, dto: HouseholdDto): string {
  return createHash('sha256').update(canonicalJson({ channel, dto })).digest('base64url');
}
