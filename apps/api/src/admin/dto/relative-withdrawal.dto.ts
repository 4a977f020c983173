import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

/** Why a declaration of a relative is withdrawn: kept with the declaration and in the audit log. */
export class RelativeWithdrawalDto {
  @ApiProperty({ example: '申报有误：此人与本人无亲属关系', description: '撤回理由' })
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  reason!: string;
}
