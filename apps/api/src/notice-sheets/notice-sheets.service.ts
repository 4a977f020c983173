import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JurisdictionsRepository, TasksRepository } from '@libs/persistence';
import type { AuthUser } from '../auth/auth-user';
import { AppException } from '../common/app.exception';
import { findTaskInScope } from '../tasks/task-access';
import type { NoticeSheetDto } from './notice-sheet.dto';

@Injectable()
export class NoticeSheetsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tasks: TasksRepository,
    private readonly jurisdictions: JurisdictionsRepository,
  ) {}

  /** 公示名单 of the notice task's village: who may see the task may print its sheet. */
  async sheet(taskId: string, user: AuthUser): Promise<NoticeSheetDto> {
    const task = await findTaskInScope(this.dataSource, this.tasks, taskId, user);
    const period = (task.payload as { period?: unknown } | null)?.period;
    if (task.kind !== 'publicNotice' || typeof period !== 'string') {
      throw new AppException('NOT_A_NOTICE_TASK', 404, `任务 ${taskId} 不是村内公示任务，没有公示名单`);
    }
    const [place, households] = await Promise.all([
      this.jurisdictions.findNamesOfVillage(this.dataSource, task.village_id),
      this.tasks.findPublicNoticeHouseholds(this.dataSource, task.village_id, task.id),
    ]);
    if (!place) throw new AppException('NOT_A_NOTICE_TASK', 404, `任务 ${taskId} 的村(社区)不存在`);
    return {
      taskId: task.id,
      ...place,
      period,
      households: households.map((row) => ({
        caseId: row.case_id,
        householdHead: row.household_head,
        idNumber: row.household_head_id_number,
        memberCount: row.member_count,
      })),
    };
  }
}
