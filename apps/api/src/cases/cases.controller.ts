import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { RevealsPersonalData } from '../common/personal-data.interceptor';
import { CasesService } from './cases.service';
import { PersonalDataService } from './personal-data.service';
import {
  CaseReasonDto,
  CreateCaseDto,
  MonitoringAlertDto,
  ObjectionDto,
  ReferralDto,
} from './dto/create-case.dto';
import { RevealPersonalDataQueryDto } from './dto/reveal-personal-data.dto';
import { CaseDetailDto, CaseWithStateDto, PersonalDataDto } from './dto/case-response.dto';
import { CaseHistoryEventDto } from '../audit/dto/case-history.dto';

const IDEMPOTENCY_HEADER = {
  name: 'idempotency-key',
  required: false,
  description: '同一请求重复提交（如双击）时只办理一次',
};

const INTAKE_IDEMPOTENCY_HEADER = {
  name: 'idempotency-key',
  required: false,
  description:
    '每次登记一个新值（8–128 位字母、数字或 -_:.）。同一用户以同一值重复提交相同内容（网络中断后重试、双击），' +
    '不再新建案件，答复首次登记的案件，同样是 201；同一值提交不同内容答复 422；不同用户的值互不相干。' +
    '不带此头时每次提交都是新的登记',
};
const INTAKE_CREATED = {
  type: CaseWithStateDto,
  description: '新案件（个人信息脱敏）及流程的答复；带同一 Idempotency-Key 的重复提交答复首次登记的案件',
};

@ApiTags('案件')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly personalData: PersonalDataService,
  ) {}

  @Post()
  @Roles('caseworker', 'townshipReviewer', 'countyOfficer')
  @ApiOperation({ summary: '个人申报：登记家庭并启动案件流程，返回时大数据比对（或入户调查）已开始' })
  @ApiHeader(INTAKE_IDEMPOTENCY_HEADER)
  @ApiCreatedResponse(INTAKE_CREATED)
  create(
    @Body() body: CreateCaseDto,
    @CurrentUser() user: AuthUser,
    @Headers('idempotency-key') key?: string,
  ): Promise<CaseWithStateDto> {
    return this.cases.application(body, user, key);
  }

  @Post('referrals')
  @Roles('departmentOfficer', 'countyOfficer')
  @ApiOperation({ summary: '部门预警：大额支出户、重大变故户；村工作专员受理并补签授权承诺后进入比对' })
  @ApiHeader(INTAKE_IDEMPOTENCY_HEADER)
  @ApiCreatedResponse(INTAKE_CREATED)
  referral(
    @Body() body: ReferralDto,
    @CurrentUser() user: AuthUser,
    @Headers('idempotency-key') key?: string,
  ): Promise<CaseWithStateDto> {
    return this.cases.referral(body, user, key);
  }

  @Post('alerts')
  @Roles('countyOfficer', 'townshipReviewer')
  @ApiOperation({ summary: '监测预警：边缘户、脱贫不稳定户；村工作专员受理并补签授权承诺后进入比对' })
  @ApiHeader(INTAKE_IDEMPOTENCY_HEADER)
  @ApiCreatedResponse(INTAKE_CREATED)
  alert(
    @Body() body: MonitoringAlertDto,
    @CurrentUser() user: AuthUser,
    @Headers('idempotency-key') key?: string,
  ): Promise<CaseWithStateDto> {
    return this.cases.monitoringAlert(body, user, key);
  }

  @Get(':id')
  @ApiOperation({ summary: '案件详情：阶段、家庭成员、评估、帮扶计划与措施、任务（个人信息脱敏）' })
  @ApiOkResponse({ type: CaseDetailDto })
  findOne(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<CaseDetailDto> {
    return this.cases.findOne(id, user);
  }

  // A GET, so that inspectors (read-only) can use it; every reveal and every refusal is audited.
  @Get(':id/personal-data')
  @RevealsPersonalData()
  @ApiOkResponse({ type: PersonalDataDto, description: '只含所请求（且有权查看）的各项，完整不脱敏' })
  @ApiOperation({
    summary:
      '查看该户完整个人信息（身份证号、联系电话、收入、健康状况）：须说明理由，按需知原则授权，每次查看记入留痕',
  })
  revealPersonalData(
    @Param('id') id: string,
    @Query() query: RevealPersonalDataQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<PersonalDataDto> {
    return this.personalData.reveal(id, query, user);
  }

  @Get(':id/history')
  @ApiOperation({
    summary:
      '案件全程留痕：谁、何时、以何角色做了什么及理由；决定所依据的表单和附件，比对命中排除、亲属回避等需关注的记录，' +
      '查看个人信息、改派、标记紧急与督办',
  })
  @ApiOkResponse({ type: [CaseHistoryEventDto], description: '按发生先后排列（个人信息脱敏）' })
  history(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<CaseHistoryEventDto[]> {
    return this.cases.history(id, user);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('caseworker', 'townshipReviewer', 'countyOfficer')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ summary: '撤回申请（认定前）：关闭案件及其未办任务，通知相关人员' })
  @ApiOkResponse({ type: CaseWithStateDto, description: '办理后的案件及流程的答复' })
  withdraw(
    @Param('id') id: string,
    @Body() body: CaseReasonDto,
    @CurrentUser() user: AuthUser,
    @Headers('idempotency-key') key?: string,
  ): Promise<CaseWithStateDto> {
    return this.cases.withdraw(id, body, user, key);
  }

  @Post(':id/objections')
  @HttpCode(200)
  @Roles('caseworker', 'townshipReviewer', 'countyOfficer')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ summary: '公示期异议：登记异议并为村工作专员开启异议调查任务' })
  @ApiOkResponse({ type: CaseWithStateDto, description: '办理后的案件及流程的答复' })
  fileObjection(
    @Param('id') id: string,
    @Body() body: ObjectionDto,
    @CurrentUser() user: AuthUser,
    @Headers('idempotency-key') key?: string,
  ): Promise<CaseWithStateDto> {
    return this.cases.fileObjection(id, body, user, key);
  }

  @Post(':id/relapse')
  @HttpCode(200)
  @Roles('caseworker', 'departmentOfficer', 'townshipReviewer', 'countyOfficer')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ summary: '返贫报告（持续关注期内）：即时纳入为新案件并关联原案件' })
  @ApiOkResponse({ type: CaseWithStateDto, description: '办理后的案件及流程的答复' })
  reportRelapse(
    @Param('id') id: string,
    @Body() body: CaseReasonDto,
    @CurrentUser() user: AuthUser,
    @Headers('idempotency-key') key?: string,
  ): Promise<CaseWithStateDto> {
    return this.cases.reportRelapse(id, body, user, key);
  }
}
