// What the supervision (督办) routes answer: the summary, the overdue list, the trend and the two actions.

import { ApiProperty } from '@nestjs/swagger';
import { JURISDICTION_LEVELS, ROLES, TASK_KINDS } from '@libs/domain';

export class SupervisionJurisdictionDto {
  @ApiProperty({ description: '区划代码' }) id!: string;
  @ApiProperty({ example: '东里镇' }) name!: string;
  @ApiProperty({ enum: JURISDICTION_LEVELS, enumName: 'JurisdictionLevel' }) level!: string;
}

export class OverdueCountsDto {
  @ApiProperty({ description: '已超期的未办结任务数' }) overdue!: number;
  @ApiProperty({ description: '临期（dueSoonHours 小时内到期）的未办结任务数' }) dueSoon!: number;
}

export class EscalationCountsDto {
  @ApiProperty({ description: '一级升级（超期，通知本辖区督办负责人）' }) level1!: number;
  @ApiProperty({ description: '二级升级（通知上一级）' }) level2!: number;
  @ApiProperty({ description: '三级升级（通知县领导小组办公室）' }) level3!: number;
}

export class JurisdictionOverdueDto extends SupervisionJurisdictionDto {
  @ApiProperty({ description: 'true：本级自身的任务（名称带“（本级）”）；false：某个下级辖区' })
  ownLevel!: boolean;
  @ApiProperty() overdue!: number;
  @ApiProperty() dueSoon!: number;
}

export class KindOverdueDto {
  @ApiProperty({ enum: TASK_KINDS, enumName: 'TaskKind' }) kind!: string;
  @ApiProperty({ example: '入户调查' }) kindLabel!: string;
  @ApiProperty() overdue!: number;
  @ApiProperty() dueSoon!: number;
}

export class OverdueAgeDto {
  @ApiProperty({ enum: ['<1d', '1-3d', '3-7d', '>7d'], description: '超期时长分组' }) bucket!: string;
  @ApiProperty({ example: '超期1–3天' }) label!: string;
  @ApiProperty() overdue!: number;
}

export class SupervisionSummaryDto {
  @ApiProperty({ format: 'date-time', description: '统计时间' }) asOf!: string;
  @ApiProperty({ type: SupervisionJurisdictionDto }) jurisdiction!: SupervisionJurisdictionDto;
  @ApiProperty({ description: '临期：多少小时内到期' }) dueSoonHours!: number;
  @ApiProperty({ type: OverdueCountsDto }) totals!: OverdueCountsDto;
  @ApiProperty({ type: EscalationCountsDto, description: '超期任务的升级级别' })
  escalation!: EscalationCountsDto;
  @ApiProperty({ type: [JurisdictionOverdueDto], description: '按下级辖区（最后一项为本级）' })
  byJurisdiction!: JurisdictionOverdueDto[];
  @ApiProperty({ type: [KindOverdueDto], description: '按任务类型' }) byKind!: KindOverdueDto[];
  @ApiProperty({ type: [OverdueAgeDto], description: '按超期时长' }) byOverdueAge!: OverdueAgeDto[];
}

/** One escalation of an overdue task: its level, when, and the supervisors who were notified. */
export class BreachEscalationDto {
  @ApiProperty({ minimum: 1, maximum: 3, description: '升级级别' }) level!: number;
  @ApiProperty({ format: 'date-time', description: '升级时间' }) escalatedAt!: string;
  @ApiProperty({ type: String, nullable: true, example: '东里镇', description: '被通知的督办负责人所在辖区' })
  jurisdictionName!: string | null;
  @ApiProperty({ type: [String], description: '被通知的督办负责人（姓名）；空：该级没有督办负责人' })
  notified!: string[];
}

/** An overdue task, as the supervision list shows it. */
export class BreachDto {
  @ApiProperty() taskId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ enum: TASK_KINDS, enumName: 'TaskKind' }) kind!: string;
  @ApiProperty({ example: '入户调查' }) kindLabel!: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role', description: '办理角色' }) candidateRole!: string;
  @ApiProperty({ example: '村工作专员' }) candidateRoleLabel!: string;
  @ApiProperty({ description: '任务所在辖区' }) jurisdictionId!: string;
  @ApiProperty() jurisdictionName!: string;
  @ApiProperty() villageId!: string;
  @ApiProperty() villageName!: string;
  @ApiProperty({ format: 'date-time', description: '办理时限' }) dueAt!: string;
  @ApiProperty({ example: 30.5, description: '已超期小时数（两位小数）' }) hoursOverdue!: number;
  @ApiProperty({ description: '督办升级级别' }) escalationLevel!: number;
  @ApiProperty() urgent!: boolean;
  @ApiProperty() priority!: number;
  @ApiProperty({ type: String, nullable: true, description: '认领人' }) assigneeId!: string | null;
  @ApiProperty({ type: String, nullable: true }) assigneeName!: string | null;
  @ApiProperty({ description: '任务版本（改派时带上，任务已变则返回 409）' }) version!: number;
  @ApiProperty({ type: [BreachEscalationDto], description: '历次升级及被通知人，先升级的在前' })
  escalations!: BreachEscalationDto[];
}

export class BreachPageDto {
  @ApiProperty({ type: SupervisionJurisdictionDto }) jurisdiction!: SupervisionJurisdictionDto;
  @ApiProperty({ type: [BreachDto] }) items!: BreachDto[];
  @ApiProperty({ type: String, nullable: true, description: '下一页游标；没有下一页时为 null' })
  nextCursor!: string | null;
}

export class TrendDayDto {
  @ApiProperty({ example: '2026-11-20', description: '日期（北京时间）' }) date!: string;
  @ApiProperty({ description: '当天新超期的任务数' }) becameOverdue!: number;
  @ApiProperty({ description: '其中逾期办结的任务数' }) closedLate!: number;
}

export class SupervisionTrendDto {
  @ApiProperty({ type: SupervisionJurisdictionDto }) jurisdiction!: SupervisionJurisdictionDto;
  @ApiProperty({ description: '天数' }) days!: number;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone!: string;
  @ApiProperty({ type: [TrendDayDto] }) items!: TrendDayDto[];
}

export class UrgentTaskChangeDto {
  @ApiProperty() taskId!: string;
  @ApiProperty({ description: '新的优先级' }) priority!: number;
  @ApiProperty({ description: '新的任务版本' }) version!: number;
}

export class MarkUrgentResponseDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ enum: [true] }) urgent!: boolean;
  @ApiProperty({ description: '此前已是紧急，本次未作改动' }) alreadyUrgent!: boolean;
  @ApiProperty({ type: [UrgentTaskChangeDto], description: '随之标为紧急的未办结任务' })
  tasks!: UrgentTaskChangeDto[];
}

export class EscalationRequestDto {
  @ApiProperty() taskId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ description: '请求时的升级级别' }) escalationLevel!: number;
  @ApiProperty({ description: '请求升至的级别' }) requestedLevel!: number;
  @ApiProperty({ description: '同一级别此前已请求过，本次未另作记录' }) alreadyRequested!: boolean;
}

/** Someone a supervisor may hand the task to (改派). */
export class AssigneeCandidateDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '张三' }) displayName!: string;
  @ApiProperty({ description: '所在辖区' }) jurisdictionId!: string;
  @ApiProperty({ example: '东里镇' }) jurisdictionName!: string;
  @ApiProperty({ description: '此人当前已认领的未办结任务数' }) openTasks!: number;
  @ApiProperty({ description: '此人就是当前认领人' }) current!: boolean;
}

export class AssigneeCandidatesDto {
  @ApiProperty() taskId!: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role', description: '办理角色' }) candidateRole!: string;
  @ApiProperty({ example: '镇(街道)审核员' }) candidateRoleLabel!: string;
  @ApiProperty({ type: [AssigneeCandidateDto], description: '可接手的人，手头任务少的在前（至多 200 人）' })
  items!: AssigneeCandidateDto[];
}
