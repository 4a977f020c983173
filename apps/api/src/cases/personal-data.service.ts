// 查看完整个人信息 the reveal: a viewer with need to know (mayReveal) sees the household's ID numbers,
// phone, exact incomes or health details in full, each reveal — and each refusal — written to the audit log.

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  PERSONAL_DATA_LABELS,
  type PersonalDataKind,
  type RevealSubject,
  maskIdNumber,
  mayReveal,
} from '@libs/domain';
import {
  CasesRepository,
  type HouseholdMemberRow,
  HouseholdsRepository,
  TasksRepository,
  appendAuditEvent,
} from '@libs/persistence';
import { actorOf, type AuthUser, inScope } from '../auth/auth-user';
import { AppException } from '../common/app.exception';
import { findCaseInScope } from './case-access';
import type { RevealPersonalDataQueryDto } from './dto/reveal-personal-data.dto';

type MemberRow = Pick<HouseholdMemberRow, 'name' | 'id_number' | 'relation' | 'annual_income'>;

interface Household {
  household_id: string;
  phone: string | null;
  per_capita_income: string;
  application: { povertyCauses?: string[] } | null;
  evaluation: { survey?: { povertyCauses?: string[]; indicators?: { medical?: boolean } } } | null;
  plan: { individualCoverage?: { idNumber: string; reason: string }[] } | null;
}

@Injectable()
export class PersonalDataService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CasesRepository,
    private readonly households: HouseholdsRepository,
    private readonly tasks: TasksRepository,
  ) {}

  async reveal(caseId: string, query: RevealPersonalDataQueryDto, user: AuthUser) {
    // The case's scope exactly as GET /cases/:id decides it (404 outside).
    const row = await findCaseInScope(this.dataSource, this.cases, caseId, user);
    const phone = await this.households.findPhone(this.dataSource, row.household_id);
    const household = { ...row, phone } as Household;
    const members = await this.households.findMembers(this.dataSource, household.household_id);
    const departments = await this.tasks.findDepartmentsAskedAbout(this.dataSource, caseId);
    const subject: RevealSubject = {
      inViewerScope: inScope(user.jurisdictionPath, row.jurisdiction_path),
      open: row.status === 'open',
      openDataCheckDepartments: departments,
    };
    const fields = query.fields;
    const refused = fields.filter((kind) => !mayReveal(user, subject, kind));
    const whose = members.map((m) => ({ name: m.name, idNumber: maskIdNumber(m.id_number) }));
    const audit = (action: string, detail: Record<string, unknown>) =>
      this.dataSource.transaction((manager) =>
        appendAuditEvent(manager, {
          eventKey: `${action}:${randomUUID()}`,
          actor: actorOf(user),
          action,
          entityType: 'household',
          entityId: household.household_id,
          caseId,
          after: { fields, members: whose, ...detail },
          reason: query.reason,
        }),
      );
    if (refused.length > 0) {
      await audit('personalData.revealRefused', { refused });
      const names = refused.map((kind) => PERSONAL_DATA_LABELS[kind]).join('、');
      throw new AppException(
        'PERSONAL_DATA_FORBIDDEN',
        403,
        `无权查看该户的完整${names}：仅经办、审核、认定的人员和纪检监察人员可按需查看，比对部门仅在比对请求待办期间可查看身份证号`,
        { refused },
      );
    }
    await audit('personalData.revealed', {});
    return this.view(household, members, new Set(fields));
  }

  private view(household: Household, members: MemberRow[], fields: Set<PersonalDataKind>) {
    const survey = household.evaluation?.survey;
    const idNumber = (value: string) => (fields.has('idNumber') ? value : maskIdNumber(value));
    return {
      householdId: household.household_id,
      fields: [...fields],
      members: members.map((m) => ({
        name: m.name,
        relation: m.relation,
        idNumber: idNumber(m.id_number),
        ...(fields.has('income') ? { annualIncome: Number(m.annual_income) } : {}),
      })),
      ...(fields.has('phone') ? { phone: household.phone } : {}),
      ...(fields.has('income') ? { perCapitaIncome: Number(household.per_capita_income) } : {}),
      ...(fields.has('health')
        ? {
            health: {
              povertyCauses: survey?.povertyCauses ?? household.application?.povertyCauses ?? [],
              medicalSecured: survey?.indicators?.medical ?? null,
              individualCoverage: (household.plan?.individualCoverage ?? []).map((item) => ({
                ...item,
                idNumber: idNumber(item.idNumber),
              })),
            },
          }
        : {}),
    };
  }
}
