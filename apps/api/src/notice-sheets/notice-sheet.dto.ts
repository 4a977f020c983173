// What GET /tasks/:id/notice-sheet answers: the village's households in public notice, as the sheet lists them.

import { ApiProperty } from '@nestjs/swagger';

export class NoticeSheetHouseholdDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ description: '户主姓名', example: '王秀兰' }) householdHead!: string;
  @ApiProperty({ description: '户主身份证号（脱敏）', example: '370323********1234' }) idNumber!: string;
  @ApiProperty({ description: '家庭人口数' }) memberCount!: number;
}

export class NoticeSheetDto {
  @ApiProperty({ description: '据以打印的村内公示任务' }) taskId!: string;
  @ApiProperty({ example: '沂源县' }) county!: string;
  @ApiProperty({ example: '东里镇' }) township!: string;
  @ApiProperty({ example: '东里东村' }) village!: string;
  @ApiProperty({ example: 'P7D', description: '公示期（ISO 8601 时长，县级政策）' }) period!: string;
  @ApiProperty({
    type: [NoticeSheetHouseholdDto],
    description: '本村待公示的农户（村内公示任务未办结的），按任务生成先后；本任务的农户必在其中',
  })
  households!: NoticeSheetHouseholdDto[];
}
