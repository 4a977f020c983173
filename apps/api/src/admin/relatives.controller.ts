import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/auth.decorators';
import { RelativeResponseDto } from './dto/admin-response.dto';
import { DeclareRelativeDto } from './dto/declare-relative.dto';
import { RelativeWithdrawalDto } from './dto/relative-withdrawal.dto';
import { RelativesService } from './relatives.service';

@ApiTags('优亲厚友申报')
@ApiBearerAuth()
@Controller('me/relatives')
export class RelativesController {
  constructor(private readonly relatives: RelativesService) {}

  @Get()
  @ApiOperation({ summary: '我申报的亲属（身份证号脱敏）' })
  @ApiOkResponse({ type: [RelativeResponseDto] })
  list(@CurrentUser() user: AuthUser): Promise<RelativeResponseDto[]> {
    return this.relatives.list(user);
  }

  @Post()
  @ApiOperation({ summary: '申报亲属（已申报的同一身份证号则更新姓名、关系）：今后不能办理其案件' })
  @ApiCreatedResponse({ type: RelativeResponseDto, description: '申报（或更新）后的亲属' })
  declare(@Body() body: DeclareRelativeDto, @CurrentUser() user: AuthUser): Promise<RelativeResponseDto> {
    return this.relatives.declare(body, user);
  }

  @Delete(':idNumber')
  @HttpCode(204)
  @ApiOperation({
    summary:
      '撤回对某位亲属的申报（须给出完整身份证号和撤回理由，记入留痕）：申报记录保留，' +
      '撤回前已在办的该户案件仍须回避',
  })
  @ApiNoContentResponse({ description: '已撤回（无响应体）' })
  withdraw(
    @Param('idNumber') idNumber: string,
    @Body() body: RelativeWithdrawalDto,
    @CurrentUser() user: AuthUser,
  ): Promise<void> {
    return this.relatives.withdraw(idNumber, body, user);
  }
}
