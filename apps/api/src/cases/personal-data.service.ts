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
import { appendAuditEvent } from '@libs/persistence';
import { actorOf, type AuthUser, inScope } from '../auth/auth-user';
import { AppException } from '../common/app.exception';
import { findCaseInScope } from './case-access';
import type { RevealPersonalDataQueryDto } from './dto/reveal-personal-data.dto';

interface MemberRow {
  name: string;
  id_number: string;
  relation: string;
  annual_income: string;
}

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
  constructor(private readonly dataSource: DataSource) {}

  async reveal(caseId: string, query: RevealPersonalDataQueryDto, user: AuthUser) {
    // The case's scope exactly as GET /cases/:id decides it (404 outside).
    const row = await findCaseInScope(this.dataSource, caseId, user);
    const [{ phone }] = await this.dataSource.query('SELECT phone FROM households WHERE id = $1', [
      row.household_id,
    ]);
    const household = { ...row, phone } as Household;
    const members: MemberRow[] = await this.dataSource.query(
      `SELECT name, id_number, relation, annual_income FROM household_members WHERE household_id = $1
       ORDER BY relation = 'head' DESC, name`,
      [household.household_id],
    );
    const departments: { department: string }[] = await this.dataSource.query(
      `SELECT DISTINCT department FROM tasks
       WHERE case_id = $1 AND kind = 'dataCheckAnswer' AND status = 'open' AND department IS NOT NULL`,
      [caseId],
    );
    const subject: RevealSubject = {
      inViewerScope: inScope(user.jurisdictionPath, row.jurisdiction_path),
      open: row.status === 'open',
      openDataCheckDepartments: departments.map((d) => d.department),
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
