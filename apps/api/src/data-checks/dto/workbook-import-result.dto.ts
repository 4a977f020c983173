import { ApiProperty } from '@nestjs/swagger';

export class UnmatchedRowDto {
  @ApiProperty({ description: 'Excel 行号', example: 7 })
  row!: number;

  @ApiProperty({ description: '身份证号（脱敏）', example: '370323********1234' })
  idNumber!: string;

  @ApiProperty({ description: '未能使用该行的原因', example: '身份证号不是该比对请求所列的家庭成员' })
  reason!: string;
}

class MissingMemberDto {
  @ApiProperty({ example: '刘桂兰' })
  name!: string;

  @ApiProperty({ description: '身份证号（脱敏）', example: '370323********222X' })
  idNumber!: string;
}

export class IncompleteRequestDto {
  @ApiProperty({ description: '任务编号' })
  taskId!: string;

  @ApiProperty({ description: '户主', nullable: true, type: String })
  householdHead!: string | null;

  @ApiProperty({ type: [MissingMemberDto], description: '尚无可用比对结果的成员' })
  missing!: MissingMemberDto[];

  @ApiProperty({ example: '1 名成员未填写比对结果，该户暂不办结' })
  reason!: string;
}

export class FailedRequestDto {
  @ApiProperty({ description: '任务编号' })
  taskId!: string;

  @ApiProperty({ description: '错误代码', example: 'TASK_HELD' })
  code!: string;

  @ApiProperty({ description: '原因', example: '任务已由「张三」认领，只有认领人可以办理' })
  message!: string;
}

export class WorkbookImportResultDto {
  @ApiProperty({ type: [String], description: '本次办结（或同一文件再次上传时已办结）的比对请求' })
  answered!: string[];

  @ApiProperty({ type: [String], description: '此前已办结或已撤销的比对请求，本次未作改动' })
  closed!: string[];

  @ApiProperty({ type: [IncompleteRequestDto], description: '有成员未填写或填写矛盾、暂不办结的请求' })
  incomplete!: IncompleteRequestDto[];

  @ApiProperty({ type: [UnmatchedRowDto], description: '未能对应到比对请求或填写有误的行' })
  unmatched!: UnmatchedRowDto[];

  @ApiProperty({ type: [FailedRequestDto], description: '办理失败的请求（可稍后重新上传同一文件）' })
  failed!: FailedRequestDto[];
}
