// The county's lifecycle policy (流程参数): notice, review, support and observation periods, the 低保
// standard and the data-check departments. Workflows read it (loadLifecyclePolicy) when they need it,
// so a change applies to every case's next step. The signing secrets of the departments' http endpoints
// are written with it but kept in their own table (department_endpoint_secrets): the policy travels into
// workflow histories and back out of GET, a secret never does.

import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AppConfig } from '@libs/config';
import {
  canonicalJson,
  DEFAULT_LIFECYCLE_POLICY,
  type LifecyclePolicy,
  lifecyclePolicyProblems,
  JURISDICTION_LEVEL_LABELS,
} from '@libs/domain';
import {
  appendAuditEvent,
  dropEndpointSecretsExcept,
  findEndpointSecrets,
  findStoredPolicy,
  type JurisdictionRow,
  JurisdictionsRepository,
  lockCountyPolicy,
  mergeLifecyclePolicy,
  type PolicyRow,
  saveCountyPolicy,
  type SecretRow,
  setEndpointSecret,
} from '@libs/persistence';
import type { AuthUser } from '../auth/auth-user';
import { inScope } from '../auth/auth-user';
import { AppException } from '../common/app.exception';
import { APP_CONFIG } from '../common/tokens';
import type { PutLifecyclePolicyDto } from './dto/policy.dto';

function policyView(county: JurisdictionRow, row: PolicyRow | undefined, secrets: SecretRow[]) {
  return {
    countyId: county.id,
    countyName: county.name,
    policy: mergeLifecyclePolicy(row?.policy),
    // Which departments have a signing secret, and since when: never the secret itself.
    endpointSecrets: secrets.map((s) => ({ department: s.department, updatedAt: s.updated_at })),
    isDefault: !row,
    defaults: DEFAULT_LIFECYCLE_POLICY,
    updatedAt: row?.updated_at ?? null,
    updatedBy: row?.updated_by ? { id: row.updated_by, displayName: row.updated_by_name } : null,
  };
}

/** The policy as stored: fields in a fixed order, an endpoint only where one was given. */
function normalise(dto: PutLifecyclePolicyDto): LifecyclePolicy {
  return {
    publicNotice: dto.publicNotice,
    reviewInterval: dto.reviewInterval,
    supportLimit: dto.supportLimit,
    observation: dto.observation,
    minimumLivingStandard: dto.minimumLivingStandard,
    dataCheckDepartments: dto.dataCheckDepartments.map((entry) => ({
      department: entry.department,
      connector: entry.connector,
      ...(entry.endpoint ? { endpoint: entry.endpoint } : {}),
    })),
    taskSlaWorkingDays: { ...DEFAULT_LIFECYCLE_POLICY.taskSlaWorkingDays, ...dto.taskSlaWorkingDays },
    urgentTaskSlaHours: { ...DEFAULT_LIFECYCLE_POLICY.urgentTaskSlaHours, ...dto.urgentTaskSlaHours },
  };
}

/**
 * What is wrong with the secrets given: one for a department that does not use http, or, in production, an
 * http department left without any (none given and none stored).
 */
function secretProblems(dto: PutLifecyclePolicyDto, stored: Set<string>, production: boolean): string[] {
  return dto.dataCheckDepartments.flatMap((entry, index) => {
    const field = `dataCheckDepartments[${index}].secret`;
    if (entry.secret !== undefined && entry.connector !== 'http')
      return [`${field} 只有接口方式（http）才需要签名密钥`];
    if (
      production &&
      entry.connector === 'http' &&
      entry.secret === undefined &&
      !stored.has(entry.department)
    )
      return [`${field} 正式环境中接口方式须设置签名密钥（与部门约定，至少 32 个字符）`];
    return [];
  });
}

@Injectable()
export class PoliciesService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jurisdictions: JurisdictionsRepository,
  ) {}

  /** The policy in force (stored over defaults); anyone working in the county may read it. */
  async findOne(countyId: string, user: AuthUser) {
    const county = await this.findCounty(countyId, user, 'read');
    return policyView(
      county,
      await findStoredPolicy(this.dataSource, countyId),
      await findEndpointSecrets(this.dataSource, countyId),
    );
  }

  /**
   * Replaces the county's policy; refuses it whole, naming every field that is wrong. Endpoints are checked
   * for the environment the platform runs in; a department's secret is kept when none is given.
   */
  async put(countyId: string, dto: PutLifecyclePolicyDto, user: AuthUser) {
    const county = await this.findCounty(countyId, user, 'write');
    const after = normalise(dto);
    const stored = new Set((await findEndpointSecrets(this.dataSource, countyId)).map((s) => s.department));
    const problems = [
      ...lifecyclePolicyProblems(after, this.config.env),
      ...secretProblems(dto, stored, this.config.env === 'production'),
    ];
    if (problems.length > 0) {
      throw new AppException('POLICY_INVALID', 400, `流程参数有误：${problems.join('；')}`, {
        errors: problems.map((problem) => {
          // Each problem starts with the field it is about: `dataCheckDepartments[1].endpoint 接口方式…`.
          const [field] = problem.split(' ', 1);
          return { field, message: problem.slice(field.length).trim() };
        }),
      });
    }
    return this.dataSource.transaction(async (manager) => {
      // Writers of one county queue here, so `before` is what they replace.
      await lockCountyPolicy(manager, countyId);
      const existing = await findStoredPolicy(manager, countyId);
      const secretsChanged = await this.writeSecrets(manager, countyId, dto, user);
      if (secretsChanged.set.length > 0 || secretsChanged.removed.length > 0) {
        await appendAuditEvent(manager, {
          eventKey: `departmentEndpoint.secretsChanged:${countyId}:${randomUUID()}`,
          actor: user,
          action: 'departmentEndpoint.secretsChanged',
          entityType: 'countyPolicy',
          entityId: countyId,
          before: null,
          // Which departments' secrets were set or dropped, never a secret.
          after: secretsChanged,
          reason: dto.reason,
        });
      }
      if (existing && canonicalJson(existing.policy) === canonicalJson(after)) {
        return policyView(county, existing, await findEndpointSecrets(manager, countyId));
      }
      await saveCountyPolicy(manager, countyId, after, user.userId);
      await appendAuditEvent(manager, {
        eventKey: `lifecyclePolicy.updated:${countyId}:${randomUUID()}`,
        actor: user,
        action: 'lifecyclePolicy.updated',
        entityType: 'countyPolicy',
        entityId: countyId,
        // null: the county ran on the defaults until now.
        before: existing?.policy ?? null,
        after,
        reason: dto.reason,
      });
      return policyView(
        county,
        await findStoredPolicy(manager, countyId),
        await findEndpointSecrets(manager, countyId),
      );
    });
  }

  /** Sets the secrets given (those that differ) and drops those of departments no longer on http. */
  private async writeSecrets(
    manager: EntityManager,
    countyId: string,
    dto: PutLifecyclePolicyDto,
    user: AuthUser,
  ): Promise<{ set: string[]; removed: string[] }> {
    const set: string[] = [];
    for (const entry of dto.dataCheckDepartments) {
      if (entry.secret === undefined) continue;
      if (await setEndpointSecret(manager, countyId, entry.department, entry.secret, user.userId)) {
        set.push(entry.department);
      }
    }
    const http = dto.dataCheckDepartments.filter((e) => e.connector === 'http').map((e) => e.department);
    const removed = await dropEndpointSecretsExcept(manager, countyId, http);
    return { set, removed };
  }

  /**
   * The county, if the user works in it (reading) or it lies in their subtree (writing): a township's
   * people read their county's policy, only the county's own admins change it. A county the user has
   * nothing to do with is a 404, as if it did not exist.
   */
  private async findCounty(
    countyId: string,
    user: AuthUser,
    access: 'read' | 'write',
  ): Promise<JurisdictionRow> {
    const row = await this.jurisdictions.findWithParent(this.dataSource, countyId);
    const governs = row && inScope(user.jurisdictionPath, row.path);
    const worksIn = row && inScope(row.path, user.jurisdictionPath);
    if (!row || (!governs && !worksIn)) {
      throw new AppException('JURISDICTION_NOT_FOUND', 404, `辖区 ${countyId} 不存在或不在您的管辖范围内`);
    }
    if (row.level !== 'county') {
      throw new AppException(
        'NOT_A_COUNTY',
        400,
        `${row.name}是${JURISDICTION_LEVEL_LABELS[row.level]}：流程参数按县(区)设置`,
        { errors: [{ field: 'countyId', message: '应为县(区)的区划代码' }] },
      );
    }
    if (access === 'write' && !governs) {
      throw new AppException('COUNTY_ADMIN_ONLY', 403, `${row.name}的流程参数由县级系统管理员维护`);
    }
    return row;
  }
}
