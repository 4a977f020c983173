// The county's lifecycle policy as an admin enters it: four ISO 8601 durations, the 低保 standard, the
// departments the data check asks, and (optionally) the deadlines of some kinds of task. lifecyclePolicyProblems checks what spans fields (duplicates,
// an http connector without its endpoint, an endpoint the environment may not call). A department's signing
// secret comes in with its entry but is kept apart from the policy (policies.service.ts).

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsPositive,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  MinLength,
  registerDecorator,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import {
  DATA_CHECK_CONNECTORS,
  DEPARTMENTS,
  parseDuration,
  type DataCheckConnector,
  type Department,
  type TaskKind,
} from '@libs/domain';
import { IsDecimal } from '../../common/is-decimal.validator';
import { JURISDICTION_ID_PATTERN } from '../admin-rules';
import { OptionalField } from '../../common/optional-field';
import { ChangeReasonDto } from './change-reason.dto';

/** An ISO 8601 duration of whole units that is not zero: P7D, P6M, P1Y, PT5S. */
function IsIsoDuration(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIsoDuration',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '应为 ISO 8601 时长，如 P7D、P6M、P1Y', ...options },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseDuration(value) !== undefined,
      },
    });
}

export class CountyParamDto {
  @ApiProperty({ example: '370323', description: '县(区)区划代码' })
  @Matches(JURISDICTION_ID_PATTERN, { message: '应为 6–20 位数字的区划代码' })
  countyId!: string;
}

export class DataCheckDepartmentDto {
  @ApiProperty({ enum: DEPARTMENTS, description: '成员单位' })
  @IsIn(DEPARTMENTS, { message: `应为 ${DEPARTMENTS.join('、')} 之一` })
  department!: Department;

  @ApiProperty({
    enum: DATA_CHECK_CONNECTORS,
    description: '反馈方式：inbox 部门待办，excel 表格导入，http 部门接口',
  })
  @IsIn(DATA_CHECK_CONNECTORS, { message: `应为 ${DATA_CHECK_CONNECTORS.join('、')} 之一` })
  connector!: DataCheckConnector;

  @ApiPropertyOptional({
    example: 'https://zjj.example.gov.cn/data-check',
    description: '部门接口地址（http 方式必填）',
  })
  @OptionalField()
  @MaxLength(500)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: '应为 http:// 或 https:// 开头的地址' },
  )
  endpoint?: string;

  @ApiPropertyOptional({
    description:
      '签名密钥（http 方式，与部门约定，32–256 个字符）：平台以 HMAC-SHA256 对时间戳和请求体签名。' +
      '只写不读，查询时不返回；不填则保留已设置的密钥；正式环境中 http 方式必须设置',
    writeOnly: true,
  })
  @OptionalField()
  @IsString({ message: '应为字符串' })
  @MinLength(32, { message: '至少 32 个字符' })
  @MaxLength(256, { message: '不超过 256 个字符' })
  secret?: string;
}

export class PutLifecyclePolicyDto extends ChangeReasonDto {
  @ApiProperty({ example: 'P7D', description: '村内公示期（ISO 8601 时长）' })
  @IsIsoDuration()
  publicNotice!: string;

  @ApiProperty({ example: 'P6M', description: '半年核查间隔' })
  @IsIsoDuration()
  reviewInterval!: string;

  @ApiProperty({ example: 'P1Y', description: '帮扶期限：超过后继续帮扶须说明理由' })
  @IsIsoDuration()
  supportLimit!: string;

  @ApiProperty({ example: 'P3M', description: '退出后持续关注期' })
  @IsIsoDuration()
  observation!: string;

  @ApiProperty({ example: 6312, description: '低保标准（元/人/年），渐退期与单人保据此计算' })
  @IsDecimal(2, { message: '应为数字（元），最多两位小数' })
  @IsPositive({ message: '应为正数（元/人/年）' })
  @Max(1_000_000)
  minimumLivingStandard!: number;

  @ApiProperty({ type: [DataCheckDepartmentDto], description: '大数据比对询问的部门及其反馈方式' })
  @IsArray()
  @ArrayMaxSize(DEPARTMENTS.length)
  @ValidateNested({ each: true })
  @Type(() => DataCheckDepartmentDto)
  dataCheckDepartments!: DataCheckDepartmentDto[];

  @ApiPropertyOptional({
    example: { homeSurvey: 5, democraticAppraisal: 7 },
    description: '各类任务的办理时限（工作日）；未列出的任务类型保持默认',
  })
  @OptionalField()
  @IsObject({ message: '应为对象：任务类型 → 工作日数' })
  taskSlaWorkingDays?: Partial<Record<TaskKind, number>>;

  @ApiPropertyOptional({
    example: { homeSurvey: 24, temporaryAssistance: 24 },
    description: '特事特办案件各类任务的办理时限（小时）；未列出的任务类型保持默认',
  })
  @OptionalField()
  @IsObject({ message: '应为对象：任务类型 → 小时数' })
  urgentTaskSlaHours?: Partial<Record<TaskKind, number>>;
}
