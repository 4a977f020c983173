import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsString, Max, Min } from 'class-validator';
import { ChangeReasonDto } from './change-reason.dto';

export class CalendarYearParamDto {
  @ApiProperty({ example: 2028, description: '年份' })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

export class PutHolidayCalendarDto extends ChangeReasonDto {
  @ApiProperty({
    type: [String],
    example: ['2028-01-01', '2028-01-25'],
    description: '放假日期（YYYY-MM-DD，均在该年内）',
  })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  holidays!: string[];

  @ApiProperty({
    type: [String],
    example: ['2028-01-22'],
    description: '调休上班日（YYYY-MM-DD，须为周六或周日）',
  })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  adjustedWorkdays!: string[];
}
