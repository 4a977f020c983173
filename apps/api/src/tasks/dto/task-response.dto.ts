// What the task routes answer: a task as the inbox and the case show it, the inbox's pages and counts, the
// per-task results of bulk operations and a decision's outcome.

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CASE_STAGES,
  DECISIONS,
  ROLES,
  TASK_KINDS,
  type CaseStage,
  type Decision,
  type Role,
  type TaskKind,
} from '@libs/domain';
import { CaseIncidentDto } from '../../incidents/dto/incident-response.dto';

export const TASK_STATUSES = ['open', 'completed', 'cancelled'] as const;

export class AllowedDecisionDto {
  @ApiProperty({ enum: DECISIONS, enumName: 'Decision' }) decision!: Decision;
  @ApiProperty({ example: '核实无误，提交审核', description: '该步骤中此办理结果的含义' }) label!: string;
}

/** A task (待办) as the inbox, the task page and the case detail show it; personal data masked. */
export class TaskDto {
  @ApiProperty({ description: '任务编号（案件或措施编号 + 步骤 + 次数）' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ enum: TASK_KINDS, enumName: 'TaskKind', description: '任务类型' }) kind!: TaskKind;
  @ApiProperty({ example: '入户调查', description: '任务类型名称' }) kindLabel!: string;
  @ApiProperty({ enum: CASE_STAGES, enumName: 'CaseStage', description: '任务所属的案件阶段' })
  stage!: CaseStage;
  @ApiProperty({
    enum: TASK_STATUSES,
    enumName: 'TaskStatus',
    description: 'open 待办 / completed 已办结 / cancelled 已撤销',
  })
  status!: string;
  @ApiProperty({ example: '待办', description: '状态名称' }) statusLabel!: string;
  // The Role schema is shared: it says what a role is, the property what this one is for.
  @ApiProperty({
    enum: ROLES,
    enumName: 'Role',
    enumSchema: { description: '角色' },
    description: '办理角色',
  })
  candidateRole!: Role;
  @ApiProperty({ example: '村工作专员', description: '办理角色名称' }) candidateRoleLabel!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: '办理部门代码（成员单位的任务）；其他任务为 null',
  })
  department!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '民政局', description: '办理部门名称' })
  departmentLabel!: string | null;
  @ApiProperty({ description: '任务所在辖区的区划代码' }) jurisdictionId!: string;
  @ApiPropertyOptional({ description: '任务所在辖区名称' }) jurisdictionName?: string;
  @ApiPropertyOptional({ description: '案件所在村(社区)' }) villageName?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: '户主姓名' }) householdHead?:
    string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '370323********0014',
    description: '户主身份证号（脱敏）',
  })
  householdHeadIdNumber?: string | null;
  @ApiProperty({ type: String, nullable: true, description: '认领人的用户 ID；未认领为 null' })
  assigneeId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '认领人姓名' }) assigneeName!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '认领时间' })
  claimedAt!: string | null;
  @ApiProperty({ description: '特事特办（紧急）' }) urgent!: boolean;
  @ApiProperty({ description: '优先级：越大越靠前' }) priority!: number;
  @ApiProperty({ format: 'date-time', description: '办理时限' }) dueAt!: string;
  @ApiProperty({ description: '未办结且已过办理时限' }) overdue!: boolean;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: '距办理时限还剩的工作日（按节假日安排计）；已办结或未计算时为 null',
  })
  workingDaysLeft!: number | null;
  @ApiProperty({ description: '督办升级级别：0 未升级，1–3 逐级升级' }) escalationLevel!: number;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '办理结果（办结后）' }) decision!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '办理理由' }) reason!: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: '办结人的用户 ID；待办或已撤销的任务为 null',
  })
  decidedBy!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '办结人姓名；待办或已撤销的任务为 null' })
  decidedByName!: string | null;
  @ApiProperty({ type: [AllowedDecisionDto], description: '本步骤可选的办理结果' })
  allowedDecisions!: AllowedDecisionDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: '办理所需的信息（待比对的成员、帮扶措施、异议内容等），按任务类型而定',
  })
  payload!: Record<string, unknown> | null;
  @ApiProperty({ type: String, nullable: true, description: '办理该任务的流程；null 为案件本身的流程' })
  workflowId!: string | null;
  @ApiPropertyOptional({ description: '任务版本：认领、指派、转交时带上，防止覆盖他人的改动' })
  version?: number;
}

export class TaskPageDto {
  @ApiProperty({ type: [TaskDto] }) items!: TaskDto[];
  @ApiProperty({ type: String, nullable: true, description: '下一页游标；没有下一页时为 null' })
  nextCursor!: string | null;
}

export class TaskCountsDto {
  @ApiProperty({ description: '全部待办' }) total!: number;
  @ApiProperty({ description: '我认领的' }) mine!: number;
  @ApiProperty({ description: '未认领' }) unassigned!: number;
  @ApiProperty({ description: '已超期' }) overdue!: number;
  @ApiProperty({ description: '紧急' }) urgent!: number;
  @ApiProperty({ description: '临期：未超期、下一个工作日结束前到期' }) dueSoon!: number;
  @ApiProperty({ description: '已办：我办理过的任务' }) done!: number;
  @ApiProperty({ description: '我发起的：我登记的在办案件' }) initiated!: number;
}

/** One task's result in a bulk claim or assignment. */
export class BulkResultDto {
  @ApiProperty() taskId!: string;
  @ApiProperty({ description: '是否成功' }) ok!: boolean;
  @ApiPropertyOptional({ example: 'TASK_HELD', description: '失败时的错误代码' }) code?: string;
  @ApiPropertyOptional({ description: '失败原因' }) message?: string;
}

/** 待办 an open task of the case's workflow, as the workflow reports it. */
export class OpenTaskSummaryDto {
  @ApiProperty() taskId!: string;
  @ApiProperty({ enum: TASK_KINDS, enumName: 'TaskKind' }) kind!: TaskKind;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty() escalationLevel!: number;
}

export class CompletedTaskCaseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CASE_STAGES, enumName: 'CaseStage', description: '案件的新阶段' }) stage!: CaseStage;
  @ApiProperty({ example: '入户调查', description: '阶段名称' }) stageLabel!: string;
  @ApiProperty({ type: [OpenTaskSummaryDto], description: '案件现在的待办任务' })
  openTasks!: OpenTaskSummaryDto[];
  @ApiProperty({ type: [CaseIncidentDto], description: '办理后仍失败的流程步骤（故障事件）' })
  incidents!: CaseIncidentDto[];
}

export class CompleteTaskResponseDto {
  @ApiProperty({ type: TaskDto, description: '办结后的任务' }) task!: TaskDto;
  @ApiProperty({ type: CompletedTaskCaseDto, description: '办理后的案件' }) case!: CompletedTaskCaseDto;
}
