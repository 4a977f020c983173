// What the case routes answer: the case detail (personal data masked by the PersonalDataInterceptor), the
// workflow's state after a request, the reveal of personal data, and the case's history.

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INTAKE_CHANNELS } from '@libs/contracts';
import {
  CASE_STAGES,
  MEMBER_RELATIONS,
  PERSONAL_DATA_KINDS,
  type CaseStage,
  type PersonalDataKind,
} from '@libs/domain';
import { CaseIncidentDto } from '../../incidents/dto/incident-response.dto';
import { OpenTaskSummaryDto, TaskDto } from '../../tasks/dto/task-response.dto';

// An exact amount the service computes leaves the API as its 1000-yuan band (maskIncome), a string: the
// document says what the client receives, the TypeScript type admits what the service returns.
const MASKED_INCOME = { type: String, example: '5000–6000元', description: '所在收入区间（脱敏，元）' };
type MaskedIncome = number | string;

const JSON_OBJECT = { type: 'object', additionalProperties: true } as const;

export const CASE_STATUSES = ['open', 'closed'] as const;

export class CaseMemberDto {
  @ApiProperty({ example: '王建国' }) name!: string;
  @ApiProperty({ example: '370323********0014', description: '身份证号（脱敏）' }) idNumber!: string;
  @ApiProperty({ enum: MEMBER_RELATIONS, enumName: 'MemberRelation', description: '与户主关系' })
  relation!: string;
  @ApiProperty({ ...MASKED_INCOME, description: '上年度个人收入所在区间（脱敏）' })
  annualIncome!: MaskedIncome;
}

/** 帮扶措施 one item of the support plan, as the read model keeps it. */
export class SupportMeasureDto {
  // The service reads these columns untyped; the document says what they hold.
  @ApiProperty({ type: String, description: '措施编号' }) id!: unknown;
  @ApiProperty({ type: String, example: '低保', description: '措施名称' }) label!: unknown;
  @ApiProperty({ type: String, example: 'civilAffairs', description: '承办部门代码' }) department!: unknown;
  @ApiProperty({ ...JSON_OBJECT, description: '帮扶计划中的该项' }) item!: unknown;
  @ApiProperty({
    type: String,
    example: 'running',
    description: '状态：running 实施中 / done 已完成 / declined 未受理 / cancelled 已撤销',
  })
  status!: unknown;
  @ApiProperty({ ...JSON_OBJECT, nullable: true, description: '落实情况' }) detail!: unknown;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

/** 案件 a household's case: where it stands, its household, evaluation, plan, measures and tasks. */
export class CaseDetailDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CASE_STAGES, enumName: 'CaseStage', description: '当前阶段' }) stage!: CaseStage;
  @ApiProperty({ example: '入户调查', description: '阶段名称' }) stageLabel!: string;
  @ApiProperty({ enum: CASE_STATUSES, enumName: 'CaseStatus', description: 'open 在办 / closed 已办结' })
  status!: string;
  @ApiProperty({ enum: INTAKE_CHANNELS, enumName: 'IntakeChannel', description: '纳入渠道' })
  channel!: string;
  @ApiProperty({ description: '特事特办（紧急）' }) urgent!: boolean;
  @ApiProperty({ description: '村(社区)区划代码' }) villageId!: string;
  @ApiProperty({ example: '东里东村' }) villageName!: string;
  @ApiProperty({ description: '家庭住址' }) address!: string;
  @ApiProperty({ ...MASKED_INCOME, description: '家庭人均年收入所在区间（脱敏）' })
  perCapitaIncome!: MaskedIncome;
  @ApiProperty({
    ...JSON_OBJECT,
    description: '纳入时登记的内容：致贫原因与授权承诺（个人申报）、部门预警或监测预警的情况',
  })
  application!: Record<string, unknown>;
  @ApiProperty({ type: [CaseMemberDto], description: '家庭成员，户主在前' }) members!: CaseMemberDto[];
  @ApiProperty({
    ...JSON_OBJECT,
    nullable: true,
    description: '最近一次资格评估：是否符合、依据、理由、所用贫困线（不含入户调查原始记录）',
  })
  evaluation!: Record<string, unknown> | null;
  @ApiProperty({ ...JSON_OBJECT, nullable: true, description: '大数据比对：各部门的答复与命中' })
  dataCheck!: Record<string, unknown> | null;
  @ApiProperty({ ...JSON_OBJECT, nullable: true, description: '现行帮扶计划（1+N）' })
  plan!: Record<string, unknown> | null;
  @ApiProperty({ type: [SupportMeasureDto], description: '帮扶措施' }) measures!: SupportMeasureDto[];
  @ApiProperty({ type: [TaskDto], description: '案件的任务（部门经办人只见本部门的）' }) tasks!: TaskDto[];
  @ApiProperty({ type: [CaseIncidentDto], description: '未解决的故障事件' }) incidents!: CaseIncidentDto[];
  @ApiProperty({ type: String, nullable: true, description: '办结理由（不予认定、撤回、退出等）' })
  outcomeReason!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '认定时间' })
  recognisedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '返贫即时纳入时：原案件' })
  previousCaseId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '返贫后即时纳入的新案件' })
  reEnrolledAs!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
}

/** A support measure's child workflow, as the case's workflow reports it. */
export class MeasureSummaryDto {
  @ApiProperty() measureId!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty() label!: string;
  @ApiProperty() department!: string;
  @ApiProperty({ enum: ['running', 'done', 'declined', 'cancelled'] }) status!: string;
}

/** The case's workflow state, as it answered the request. */
export class CaseStateDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ enum: CASE_STAGES, enumName: 'CaseStage' }) stage!: CaseStage;
  @ApiProperty({ type: [OpenTaskSummaryDto] }) openTasks!: OpenTaskSummaryDto[];
  @ApiPropertyOptional() urgent?: boolean;
  @ApiPropertyOptional({ ...JSON_OBJECT, nullable: true, description: '现行帮扶计划' }) plan?: object | null;
  @ApiPropertyOptional({ type: [MeasureSummaryDto] }) measures?: MeasureSummaryDto[];
  @ApiPropertyOptional({ ...JSON_OBJECT, nullable: true, description: '最近一次资格评估' })
  evaluation?: object | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: '返贫后即时纳入的新案件' })
  reEnrolledAs?: string | null;
}

/** The case after a request to its workflow (intake, withdrawal, objection, relapse). */
export class CaseWithStateDto extends CaseDetailDto {
  @ApiPropertyOptional({
    type: CaseStateDto,
    description: '流程的答复；流程未及时答复（仅登记时可能）则没有此项',
  })
  workflowState?: CaseStateDto;
}

export class RevealedMemberDto {
  @ApiProperty() name!: string;
  @ApiProperty({ enum: MEMBER_RELATIONS, enumName: 'MemberRelation' }) relation!: string;
  @ApiProperty({ description: '身份证号：请求了 idNumber 时为完整号码，否则脱敏' }) idNumber!: string;
  @ApiPropertyOptional({ description: '上年度个人收入（元），请求了 income 时才有' }) annualIncome?: number;
}

export class IndividualCoverageDto {
  @ApiProperty({ description: '身份证号：请求了 idNumber 时为完整号码，否则脱敏' }) idNumber!: string;
  @ApiProperty({ enum: ['severeDisability', 'seriousIllness'], description: '单人保的原因' })
  reason!: string;
}

export class RevealedHealthDto {
  @ApiProperty({ type: [String], description: '致贫原因（入户调查的，否则申报的）' })
  povertyCauses!: string[];
  @ApiProperty({ type: Boolean, nullable: true, description: '基本医疗有保障（入户调查）；未调查为 null' })
  medicalSecured!: boolean | null;
  @ApiProperty({ type: [IndividualCoverageDto], description: '单人保' })
  individualCoverage!: IndividualCoverageDto[];
}

/** 查看完整个人信息: only the kinds asked for (and allowed) are present, in full. */
export class PersonalDataDto {
  @ApiProperty({ format: 'uuid' }) householdId!: string;
  @ApiProperty({ enum: PERSONAL_DATA_KINDS, enumName: 'PersonalDataKind', isArray: true })
  fields!: PersonalDataKind[];
  @ApiProperty({ type: [RevealedMemberDto] }) members!: RevealedMemberDto[];
  @ApiPropertyOptional({ type: String, nullable: true, description: '联系电话，请求了 phone 时才有' })
  phone?: string | null;
  @ApiPropertyOptional({ description: '家庭人均年收入（元），请求了 income 时才有' })
  perCapitaIncome?: number;
  @ApiPropertyOptional({ type: RevealedHealthDto, description: '健康状况，请求了 health 时才有' })
  health?: RevealedHealthDto;
}
