// What the administration routes answer: jurisdictions, holiday calendars, the county's lifecycle policy,
// poverty lines, users' pages and a user's declared relatives.

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DATA_CHECK_CONNECTORS,
  DEPARTMENTS,
  JURISDICTION_LEVELS,
  type DataCheckConnector,
  type Department,
  type JurisdictionLevel,
  type PovertyLineArea,
  type PovertyLineBasis,
} from '@libs/domain';
import { RELATIVE_RELATIONS, type RelativeRelation } from '../admin-rules';
import { POVERTY_LINE_AREAS, POVERTY_LINE_BASES } from './poverty-line.dto';
import { UserResponseDto } from './user.dto';

const PAGE_CURSOR = { type: String, nullable: true, description: '下一页游标；没有下一页时为 null' };

/** Who last changed a setting. */
export class UpdatedByDto {
  @ApiProperty({ description: '用户 ID' }) id!: string;
  @ApiProperty({ type: String, nullable: true, description: '姓名' }) displayName!: string | null;
}

/** 行政区划 a county, township or village. */
export class JurisdictionResponseDto {
  @ApiProperty({ example: '370323104201', description: '区划代码' }) id!: string;
  @ApiProperty({ example: '东里东村' }) name!: string;
  @ApiProperty({ enum: JURISDICTION_LEVELS, enumName: 'JurisdictionLevel' }) level!: JurisdictionLevel;
  @ApiProperty({ example: '村(社区)', description: '层级名称' }) levelLabel!: string;
  @ApiProperty({ type: String, nullable: true, description: '上级区划代码；县为 null' })
  parentId!: string | null;
  @ApiProperty({ example: '370323.370323104.370323104201', description: '路径：上级区划代码在前，以点分隔' })
  path!: string;
}

/** 节假日安排 one year's holidays and adjusted workdays. */
export class HolidayCalendarResponseDto {
  @ApiProperty({ example: 2028 }) year!: number;
  @ApiProperty({ type: [String], example: ['2028-01-01'], description: '放假日期（YYYY-MM-DD）' })
  holidays!: string[];
  @ApiProperty({ type: [String], example: ['2028-01-22'], description: '调休上班日（YYYY-MM-DD）' })
  adjustedWorkdays!: string[];
  @ApiProperty({ type: Date, description: '最近修改时间' }) updatedAt!: Date;
  @ApiProperty({ type: UpdatedByDto, nullable: true, description: '最近修改人' })
  updatedBy!: UpdatedByDto | null;
}

export class PolicyDepartmentDto {
  @ApiProperty({ enum: DEPARTMENTS, enumName: 'Department', description: '成员单位' })
  department!: Department;
  @ApiProperty({
    enum: DATA_CHECK_CONNECTORS,
    enumName: 'DataCheckConnector',
    description: '反馈方式：inbox 部门待办，excel 表格导入，http 部门接口',
  })
  connector!: DataCheckConnector;
  @ApiPropertyOptional({ description: '部门接口地址（http 方式）' }) endpoint?: string;
}

const DAYS_PER_KIND = { type: 'object', additionalProperties: { type: 'number' } } as const;

/** 流程参数 the county's lifecycle policy as it applies. */
export class LifecyclePolicyDto {
  @ApiProperty({ example: 'P7D', description: '村内公示期（ISO 8601 时长）' }) publicNotice!: string;
  @ApiProperty({ example: 'P6M', description: '半年核查间隔' }) reviewInterval!: string;
  @ApiProperty({ example: 'P1Y', description: '帮扶期限：超过后继续帮扶须说明理由' }) supportLimit!: string;
  @ApiProperty({ example: 'P3M', description: '退出后持续关注期' }) observation!: string;
  @ApiProperty({ example: 6312, description: '低保标准（元/人/年）' }) minimumLivingStandard!: number;
  @ApiProperty({ type: [PolicyDepartmentDto], description: '大数据比对询问的部门及其反馈方式' })
  dataCheckDepartments!: PolicyDepartmentDto[];
  @ApiProperty({ ...DAYS_PER_KIND, description: '各类任务的办理时限（工作日）：任务类型 → 天数' })
  taskSlaWorkingDays!: Record<string, number>;
  @ApiProperty({ ...DAYS_PER_KIND, description: '特事特办案件各类任务的办理时限：任务类型 → 小时数' })
  urgentTaskSlaHours!: Record<string, number>;
}

export class EndpointSecretDto {
  @ApiProperty({ description: '已设置签名密钥的部门（不返回密钥本身）' }) department!: string;
  @ApiProperty({ type: Date, description: '密钥设置时间' }) updatedAt!: Date;
}

export class CountyPolicyResponseDto {
  @ApiProperty({ example: '370323' }) countyId!: string;
  @ApiProperty({ example: '沂源县' }) countyName!: string;
  @ApiProperty({ type: LifecyclePolicyDto, description: '现行参数（未设置的项为默认值）' })
  policy!: LifecyclePolicyDto;
  @ApiProperty({ type: [EndpointSecretDto], description: '已设置签名密钥的部门' })
  endpointSecrets!: EndpointSecretDto[];
  @ApiProperty({ description: '尚未设置，全部为默认值' }) isDefault!: boolean;
  @ApiProperty({ type: LifecyclePolicyDto, description: '平台默认值' }) defaults!: LifecyclePolicyDto;
  @ApiProperty({ type: Date, nullable: true }) updatedAt!: Date | null;
  @ApiProperty({ type: UpdatedByDto, nullable: true }) updatedBy!: UpdatedByDto | null;
}

/** 相对贫困线 one rule: a jurisdiction's line for a year and an area. */
export class PovertyLineResponseDto {
  @ApiProperty() jurisdictionId!: string;
  @ApiProperty() jurisdictionName!: string;
  @ApiProperty({ enum: JURISDICTION_LEVELS, enumName: 'JurisdictionLevel' }) level!: JurisdictionLevel;
  @ApiProperty({ example: '县(区)' }) levelLabel!: string;
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ enum: POVERTY_LINE_AREAS, enumName: 'PovertyLineArea' }) area!: PovertyLineArea;
  @ApiProperty({ example: '农村' }) areaLabel!: string;
  @ApiProperty({ enum: POVERTY_LINE_BASES, enumName: 'PovertyLineBasis' }) basis!: PovertyLineBasis;
  @ApiProperty({ example: '上年人均可支配收入中位数' }) basisLabel!: string;
  @ApiProperty({ example: 19128, description: '基数金额（元/人/年）' }) baseIncome!: number;
  @ApiProperty({ example: 0.33, description: '比例' }) ratio!: number;
  @ApiProperty({ example: 6312, description: '相对贫困线（元/人/年）= 基数 × 比例，取整到元' }) line!: number;
  @ApiProperty({ type: Date }) updatedAt!: Date;
  @ApiProperty({ type: UpdatedByDto, nullable: true }) updatedBy!: UpdatedByDto | null;
}

export class PovertyLinePageDto {
  @ApiProperty({ type: [PovertyLineResponseDto] }) items!: PovertyLineResponseDto[];
  @ApiProperty(PAGE_CURSOR) nextCursor!: string | null;
}

export class PutPovertyLineResponseDto extends PovertyLineResponseDto {
  @ApiProperty({ description: '本次是否有改动（与现行标准相同则为 false）' }) changed!: boolean;
  @ApiProperty({ description: '该辖区（含下级）的在办案件数' }) openCasesAffected!: number;
  @ApiProperty({ description: '结果说明' }) message!: string;
}

export class ReevaluateResponseDto {
  @ApiProperty() jurisdictionId!: string;
  @ApiProperty({ description: '已通知重新评估的在办案件数' }) signalled!: number;
  @ApiProperty({ description: '流程已结束而跳过的案件数' }) skipped!: number;
  @ApiProperty({ description: '结果说明' }) message!: string;
}

export class UserPageDto {
  @ApiProperty({ type: [UserResponseDto] }) items!: UserResponseDto[];
  @ApiProperty({ ...PAGE_CURSOR, description: '下一页游标（最后一位用户的用户名）；没有下一页时为 null' })
  nextCursor!: string | null;
}

/** 优亲厚友 a relative the user declared. */
export class RelativeResponseDto {
  @ApiProperty({ example: '370323********0014', description: '身份证号（脱敏）' }) idNumber!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: RELATIVE_RELATIONS, enumName: 'RelativeRelation' }) relation!: RelativeRelation;
  @ApiProperty({ example: '配偶' }) relationLabel!: string;
  @ApiProperty({ type: Date, description: '申报时间' }) declaredAt!: Date;
}
