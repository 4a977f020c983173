import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { HolidayCalendarResponseDto } from './dto/admin-response.dto';
import { CalendarYearParamDto, PutHolidayCalendarDto } from './dto/holiday-calendar.dto';
import { HolidayCalendarsService } from './holiday-calendars.service';

@ApiTags('系统管理：节假日安排')
@ApiBearerAuth()
@Controller('admin/holiday-calendars')
export class HolidayCalendarsController {
  constructor(private readonly calendars: HolidayCalendarsService) {}

  @Get()
  @ApiOperation({ summary: '各年的节假日安排（放假日期与调休上班日）' })
  @ApiOkResponse({ type: [HolidayCalendarResponseDto], description: '按年份排列' })
  list(): Promise<HolidayCalendarResponseDto[]> {
    return this.calendars.list();
  }

  @Get(':year')
  @ApiOperation({ summary: '某一年的节假日安排' })
  @ApiOkResponse({ type: HolidayCalendarResponseDto })
  findOne(@Param() params: CalendarYearParamDto): Promise<HolidayCalendarResponseDto> {
    return this.calendars.findOne(params.year);
  }

  @Put(':year')
  @Roles('admin')
  @ApiOperation({ summary: '录入或修改某一年的节假日安排（县级系统管理员）；有误时逐条说明' })
  @ApiOkResponse({ type: HolidayCalendarResponseDto, description: '保存后的节假日安排' })
  put(
    @Param() params: CalendarYearParamDto,
    @Body() body: PutHolidayCalendarDto,
    @CurrentUser() user: AuthUser,
  ): Promise<HolidayCalendarResponseDto> {
    return this.calendars.put(params.year, body, user);
  }
}
