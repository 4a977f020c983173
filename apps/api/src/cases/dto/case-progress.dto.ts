// 流程进度 what GET /cases/:id/progress answers: the lifecycle's stages in order, where the case is, when it
// entered and left each, and the tasks open now.

import { ApiProperty } from '@nestjs/swagger';
import { CASE_STAGES, ROLES, TASK_KINDS, type CaseStage, type Role, type TaskKind } from '@libs/domain';
import { STEP_STATUSES, type StepStatus } from '../case-progress';

export class CaseProgressTaskDto {
  @ApiProperty({ description: '任务编号' }) id!: string;
  @ApiProperty({ enum: TASK_KINDS, enumName: 'TaskKind', description: '任务类型' }) kind!: TaskKind;
  @ApiProperty({ example: '镇(街道)审核', description: '任务类型名称' }) kindLabel!: string;
  @ApiProperty({ enum: CASE_STAGES, enumName: 'CaseStage', description: '任务所属的案件阶段' })
  stage!: CaseStage;
  @ApiProperty({ enum: ROLES, enumName: 'Role', description: '办理角色' }) candidateRole!: Role;
  @ApiProperty({ example: '镇(街道)审核人', description: '办理角色名称' }) candidateRoleLabel!: string;
  @ApiProperty({ type: String, nullable: true, description: '办理部门代码（成员单位的任务）' })
  department!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '民政局', description: '办理部门名称' })
  departmentLabel!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '办理辖区名称' }) jurisdictionName!:
    string | null;
  @ApiProperty({ type: String, nullable: true, description: '认领人姓名；未认领为 null' })
  assigneeName!: string | null;
  @ApiProperty({ description: '特事特办（紧急）' }) urgent!: boolean;
  @ApiProperty({ format: 'date-time', description: '开启时间' }) openedAt!: string;
  @ApiProperty({ format: 'date-time', description: '办理时限' }) dueAt!: string;
  @ApiProperty({ description: '已过办理时限' }) overdue!: boolean;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: '剩余工作日（按节假日安排计算）：0 为今日到期，负数为已超期的工作日数',
  })
  workingDaysLeft!: number | null;
  @ApiProperty({ description: '督办升级级别：0 未升级，1–3 逐级升级' }) escalationLevel!: number;
}

export class CaseProgressStepDto {
  @ApiProperty({ enum: CASE_STAGES, enumName: 'CaseStage', description: '阶段' }) stage!: CaseStage;
  @ApiProperty({ example: '村内公示', description: '阶段名称' }) label!: string;
  @ApiProperty({
    enum: STEP_STATUSES,
    enumName: 'ProgressStepStatus',
    description:
      'passed 已完成 / current 进行中 / pending 未开始 / skipped 未经过（如无比对命中时的复核） / rejected 案件在此终止（撤回、不予认定）',
  })
  status!: StepStatus;
  @ApiProperty({ example: '已完成', description: '状态名称' }) statusLabel!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '首次进入该阶段的时间' })
  enteredAt!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: '最后离开该阶段的时间；仍在该阶段或从未进入为 null',
  })
  leftAt!: string | null;
  @ApiProperty({ description: '进入该阶段的次数（退回重办、定期核查会多次进入）' }) visits!: number;
  @ApiProperty({
    type: [CaseProgressTaskDto],
    description: '当前阶段：案件现在的待办任务及时限；其他阶段为空',
  })
  openTasks!: CaseProgressTaskDto[];
}

export class CaseProgressOutcomeDto {
  @ApiProperty({
    enum: CASE_STAGES,
    enumName: 'CaseStage',
    description:
      '结果：withdrawn 已撤回 / rejected 不予认定 / reEnrolled 返贫即时纳入 / recognised 已认定（早期版本）',
  })
  stage!: CaseStage;
  @ApiProperty({ example: '不予认定', description: '结果名称' }) label!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '办结时间' }) at!:
    string | null;
  @ApiProperty({ type: String, nullable: true, description: '办结理由' }) reason!: string | null;
}

export class CaseProgressDto {
  @ApiProperty({ format: 'uuid', description: '案件编号' }) caseId!: string;
  @ApiProperty({ enum: CASE_STAGES, enumName: 'CaseStage', description: '当前阶段' }) stage!: CaseStage;
  @ApiProperty({ example: '镇(街道)审核', description: '阶段名称' }) stageLabel!: string;
  @ApiProperty({ enum: ['open', 'closed'], enumName: 'CaseStatus', description: 'open 在办 / closed 已办结' })
  status!: string;
  @ApiProperty({ description: '特事特办（紧急）' }) urgent!: boolean;
  @ApiProperty({ format: 'date-time', description: '登记时间' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '办结时间' })
  closedAt!: string | null;
  @ApiProperty({
    type: [CaseProgressStepDto],
    description: '流程各阶段，按先后排列：受理 → 大数据比对 → … → 持续关注期 → 已销档',
  })
  steps!: CaseProgressStepDto[];
  @ApiProperty({
    type: CaseProgressOutcomeDto,
    nullable: true,
    description: '未走完流程即办结时的结果（撤回、不予认定、返贫即时纳入）；在办或正常销档为 null',
  })
  outcome!: CaseProgressOutcomeDto | null;
}
