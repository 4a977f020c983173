import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  Min,
} from 'class-validator';

export class ClaimTaskDto {
  @ApiPropertyOptional({ description: '客户端看到的任务版本；任务已变则返回 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  // A PostgreSQL integer: a larger number could never match, and would make the query fail.
  @Max(2_147_483_647)
  version?: number;
}

export class AssignTaskDto extends ClaimTaskDto {
  @ApiProperty({ description: '接手人的用户 ID' })
  @IsUUID()
  userId!: string;
}

export class BulkClaimDto {
  @ApiProperty({ type: [String], description: '任务 ID（至多 100 个）' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsString({ each: true })
  taskIds!: string[];
}

export class BulkAssignDto extends BulkClaimDto {
  @ApiProperty({ description: '接手人的用户 ID' })
  @IsUUID()
  userId!: string;
}
