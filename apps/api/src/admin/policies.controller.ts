import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { CountyPolicyResponseDto } from './dto/admin-response.dto';
import { CountyParamDto, PutLifecyclePolicyDto } from './dto/policy.dto';
import { PoliciesService } from './policies.service';

@ApiTags('系统管理：流程参数')
@ApiBearerAuth()
@Controller('admin/policies')
export class PoliciesController {
  constructor(private readonly policies: PoliciesService) {}

  @Get(':countyId')
  @Roles('admin', 'countyOfficer', 'supervisor', 'inspector')
  @ApiOperation({
    summary: '县(区)现行流程参数：公示期、核查间隔、帮扶期限、关注期、低保标准、比对部门；未设置时为默认值',
  })
  @ApiOkResponse({ type: CountyPolicyResponseDto })
  findOne(@Param() params: CountyParamDto, @CurrentUser() user: AuthUser): Promise<CountyPolicyResponseDto> {
    return this.policies.findOne(params.countyId, user);
  }

  @Put(':countyId')
  @Roles('admin')
  @ApiOperation({ summary: '设置县(区)流程参数（县级系统管理员）；有误时逐项说明' })
  @ApiOkResponse({ type: CountyPolicyResponseDto, description: '保存后的流程参数' })
  put(
    @Param() params: CountyParamDto,
    @Body() body: PutLifecyclePolicyDto,
    @CurrentUser() user: AuthUser,
  ): Promise<CountyPolicyResponseDto> {
    return this.policies.put(params.countyId, body, user);
  }
}
