// Forms of the steps before the village survey: 受理 intake, 部门比对反馈 a department's data-check answer,
// 比对命中复核 the county's review of the hits.

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, Equals, IsArray, IsIn, IsObject, IsOptional, ValidateNested } from 'class-validator';
import type { DataCheckAnswerForm, DataCheckHitEntry, HitReviewForm, IntakeForm } from '@libs/contracts';
import { DATA_CHECK_HIT_CATEGORIES, type DataCheckHitCategory, type PovertyCause } from '@libs/domain';
import { IsIdNumber } from '../../common/is-id-number.validator';
import { AttachmentIds, IsPastDate, PovertyCauses, Text } from './form-fields';

export class IntakeConsentDto {
  @ApiProperty({ example: true, description: '已签署授权承诺书（同意查询家庭及直系亲属信息）' })
  @Equals(true, { message: '须签署授权承诺书后才能受理' })
  signed!: true;

  @ApiProperty({ example: '2026-11-20', description: '签署日期' })
  @IsPastDate()
  signedAt!: string;
}

export class IntakeFormDto implements IntakeForm {
  @ApiProperty({ type: IntakeConsentDto, description: '授权承诺' })
  @ValidateNested()
  @Type(() => IntakeConsentDto)
  @IsObject()
  dataConsent!: IntakeConsentDto;

  @PovertyCauses()
  povertyCauses!: PovertyCause[];
}

export class DataCheckHitDto implements DataCheckHitEntry {
  @ApiProperty({ enum: DATA_CHECK_HIT_CATEGORIES, description: '命中类别' })
  @IsIn(DATA_CHECK_HIT_CATEGORIES)
  category!: DataCheckHitCategory;

  @ApiPropertyOptional({ description: '命中涉及的人（成员或直系亲属）的身份证号码' })
  @IsOptional()
  @IsIdNumber()
  idNumber?: string;

  @ApiProperty({ example: '名下商品房一套（城区）', description: '命中详情，可为空' })
  @Text(500)
  detail!: string;
}

export class DataCheckAnswerFormDto implements DataCheckAnswerForm {
  @ApiProperty({ type: [DataCheckHitDto], description: '比对命中；无命中时为空数组' })
  @ValidateNested({ each: true })
  @Type(() => DataCheckHitDto)
  @ArrayMaxSize(100, { message: '命中不能超过 100 条' })
  @IsArray()
  hits!: DataCheckHitDto[];
}

export class HitReviewFormDto implements HitReviewForm {
  @AttachmentIds()
  attachmentIds?: string[];
}
