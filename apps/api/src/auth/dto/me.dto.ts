import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '@libs/domain';

/** The signed-in user as their current record has them. */
export class MeResponseDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ description: '姓名（显示名）' }) displayName!: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role' }) role!: Role;
  @ApiProperty({ example: '村工作专员', description: '角色名称' }) roleLabel!: string;
  @ApiProperty({ example: '370323104201', description: '所属辖区的区划代码' }) jurisdictionId!: string;
  @ApiProperty({ example: '东里东村', description: '所属辖区名称' }) jurisdictionName!: string;
  @ApiProperty({ description: '辖区路径（上级区划代码在前，以点分隔）' }) jurisdictionPath!: string;
  @ApiProperty({ type: String, nullable: true, description: '所属部门（仅部门经办人）' })
  department!: string | null;
  @ApiProperty({ description: '为 true 时须先修改密码' }) mustChangePassword!: boolean;
}
