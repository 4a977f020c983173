import { ApiProperty } from '@nestjs/swagger';

/** The signed-in user as their current record has them. */
export class MeResponseDto {
  @ApiProperty() userId!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() role!: string;
  @ApiProperty() jurisdictionId!: string;
  @ApiProperty({ description: '辖区路径（上级区划代码在前，以点分隔）' }) jurisdictionPath!: string;
  @ApiProperty({ type: String, nullable: true, description: '所属部门（仅部门经办人）' })
  department!: string | null;
  @ApiProperty({ description: '为 true 时须先修改密码' }) mustChangePassword!: boolean;
}
