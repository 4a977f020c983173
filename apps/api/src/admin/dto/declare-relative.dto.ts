import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { IsIdNumber } from '../../common/is-id-number.validator';
import { RELATIVE_RELATIONS, type RelativeRelation } from '../admin-rules';

export class DeclareRelativeDto {
  @ApiProperty({ example: '李桂芝', description: '亲属姓名' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name!: string;

  @ApiProperty({ example: '370323195503120026', description: '亲属的居民身份证号码（18位）' })
  @IsIdNumber()
  idNumber!: string;

  @ApiProperty({
    enum: RELATIVE_RELATIONS,
    description: '关系：配偶、父母、子女、兄弟姐妹、(外)祖父母、(外)孙子女、姻亲、其他',
  })
  @IsIn(RELATIVE_RELATIONS)
  relation!: RelativeRelation;
}
