// 大数据比对 by Excel: a department downloads all its open requests as one workbook and uploads it back
// filled in; each fully answered request is completed through the inbox's own path (TasksService), so
// the same checks, audit and workflow update apply as for an answer typed into the inbox.

import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger, StreamableFile } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEPARTMENT_LABELS, type Department, maskPersonalText } from '@libs/domain';
import { TasksRepository, UsersRepository, appendAuditEvent } from '@libs/persistence';
import { actorOf, type AuthUser } from '../auth/auth-user';
import { AppException } from '../common/app.exception';
import { CompleteTaskDto } from '../tasks/dto/complete-task.dto';
import { TasksService } from '../tasks/tasks.service';
import { type AnswerableRequest, matchAnswerRows, type RequestAnswer } from './data-check-answers';
import {
  beijingTime,
  buildRequestWorkbook,
  readAnswerWorkbook,
  type RequestRow,
} from './data-check-workbook';
import type { FailedRequestDto, WorkbookImportResultDto } from './dto/workbook-import-result.dto';
import type { UploadedWorkbook } from './workbook-upload.interceptor';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Requests per workbook: keeps a filled-in workbook well under the 10 MB upload limit. */
export const MAX_REQUESTS_PER_WORKBOOK = 5000;
// Completions run a few at a time: each waits for its workflow's answer.
const COMPLETION_CONCURRENCY = 4;

type Completion =
  { taskId: string; outcome: 'answered' | 'closed' } | (FailedRequestDto & { outcome: 'failed' });

@Injectable()
export class DataChecksService {
  private readonly logger = new Logger('DataChecksService');

  constructor(
    private readonly dataSource: DataSource,
    private readonly taskRows: TasksRepository,
    private readonly users: UsersRepository,
    private readonly tasks: TasksService,
  ) {}

  /** The workbook of the officer's department's open requests in their scope; the release is audited. */
  async exportWorkbook(user: AuthUser): Promise<StreamableFile> {
    const department = await this.departmentOf(user);
    const found = await this.taskRows.findOpenDataCheckRequests(
      this.dataSource,
      department,
      user.jurisdictionPath,
      MAX_REQUESTS_PER_WORKBOOK + 1,
    );
    const requests = found.slice(0, MAX_REQUESTS_PER_WORKBOOK);
    const rows: RequestRow[] = requests.flatMap((request) =>
      membersOf(request.payload).map((member) => ({
        taskId: request.id,
        township: request.township_name,
        village: request.village_name,
        householdHead: request.household_head ?? '',
        name: member.name,
        idNumber: member.idNumber,
        relation: member.relation,
      })),
    );
    const exportId = randomUUID();
    const exportedAt = new Date();
    const label = departmentLabel(department);
    const content = await buildRequestWorkbook({
      departmentLabel: label,
      exportId,
      exportedAt,
      requests: requests.length,
      rows,
      truncatedAt: found.length > requests.length ? MAX_REQUESTS_PER_WORKBOOK : undefined,
    });
    const fileName = `比对请求_${label}_${beijingDate(exportedAt)}.xlsx`;
    // Full ID numbers leave the platform here (the department matches on them): recorded before sending.
    await this.dataSource.transaction((manager) =>
      appendAuditEvent(manager, {
        eventKey: `dataCheck.workbookExported:${exportId}`,
        actor: actorOf(user),
        action: 'dataCheck.workbookExported',
        entityType: 'dataCheckWorkbook',
        entityId: exportId,
        after: {
          department,
          fileName,
          sha256: sha256(content),
          taskIds: requests.map((r) => r.id),
          caseIds: [...new Set(requests.map((r) => r.case_id))],
          members: rows.length,
        },
      }),
    );
    return new StreamableFile(content, {
      type: XLSX_TYPE,
      disposition: contentDisposition(
        fileName,
        `data-check-requests_${department}_${beijingDate(exportedAt)}.xlsx`,
      ),
      length: content.length,
    });
  }

  /** Reads a filled-in workbook and completes every request whose members all have a usable row. */
  async importWorkbook(file: UploadedWorkbook | undefined, user: AuthUser): Promise<WorkbookImportResultDto> {
    if (!file || file.size === 0) {
      throw new AppException('WORKBOOK_REQUIRED', 400, '请在 file 字段上传填写好的比对请求表（.xlsx）', {
        errors: [{ field: 'file', message: '必填' }],
      });
    }
    const department = await this.departmentOf(user);
    const fileHash = sha256(file.buffer);
    const rows = await readAnswerWorkbook(file.buffer);
    const taskIds = [...new Set(rows.map((r) => r.taskId).filter(Boolean))];
    const found = await this.taskRows.findAnswerableDataCheckRequests(
      this.dataSource,
      department,
      user.jurisdictionPath,
      taskIds,
    );
    const requests = new Map<string, AnswerableRequest>(
      found.map((row) => [
        row.id,
        { taskId: row.id, householdHead: row.household_head, members: membersOf(row.payload) },
      ]),
    );
    const { answers, incomplete, unmatched } = matchAnswerRows(rows, requests);
    const completions = await mapWithConcurrency(answers, COMPLETION_CONCURRENCY, (answer) =>
      this.complete(answer, fileHash, user),
    );
    const result: WorkbookImportResultDto = {
      answered: completions.filter((c) => c.outcome === 'answered').map((c) => c.taskId),
      closed: completions.filter((c) => c.outcome === 'closed').map((c) => c.taskId),
      incomplete,
      unmatched,
      failed: completions.flatMap((c) =>
        c.outcome === 'failed' ? [{ taskId: c.taskId, code: c.code, message: c.message }] : [],
      ),
    };
    await this.dataSource.transaction((manager) =>
      appendAuditEvent(manager, {
        eventKey: `dataCheck.workbookImported:${randomUUID()}`,
        actor: actorOf(user),
        action: 'dataCheck.workbookImported',
        entityType: 'dataCheckWorkbook',
        entityId: fileHash,
        after: {
          department,
          fileName: file.originalname.slice(0, 255),
          sha256: fileHash,
          rows: rows.length,
          answered: result.answered,
          closed: result.closed,
          incomplete: result.incomplete.map((r) => r.taskId),
          unmatchedRows: result.unmatched.map((r) => r.row),
          failed: result.failed.map((r) => r.taskId),
        },
      }),
    );
    return result;
  }

  /**
   * One request's answer, as its officer would send it from the inbox. The idempotency key comes from the
   * file's content and the task: the same file uploaded again completes nothing twice.
   */
  private async complete(answer: RequestAnswer, fileHash: string, user: AuthUser): Promise<Completion> {
    const dto = Object.assign(new CompleteTaskDto(), {
      decision: 'approve' as const,
      form: { hits: answer.hits },
    });
    const key = `dcwb-${sha256(`${fileHash}:${answer.taskId}`)}`;
    try {
      await this.tasks.complete(answer.taskId, dto, user, key);
      return { taskId: answer.taskId, outcome: 'answered' };
    } catch (error) {
      if (error instanceof AppException) {
        if (error.code === 'TASK_CLOSED') return { taskId: answer.taskId, outcome: 'closed' };
        return { taskId: answer.taskId, outcome: 'failed', code: error.code, message: error.message };
      }
      this.logger.error(maskPersonalText(error instanceof Error ? (error.stack ?? '') : String(error)));
      return {
        taskId: answer.taskId,
        outcome: 'failed',
        code: 'INTERNAL_ERROR',
        message: '服务器内部错误，该户未办结；请稍后重新上传同一文件',
      };
    }
  }

  private async departmentOf(user: AuthUser): Promise<string> {
    const department = await this.users.findDepartment(this.dataSource, user.userId);
    if (!department) {
      throw new AppException(
        'DEPARTMENT_NOT_SET',
        403,
        '您的账号未登记所属部门，不能下载或上传比对请求表；请联系系统管理员登记部门',
      );
    }
    return department;
  }
}

function membersOf(payload: { members?: unknown } | null): AnswerableRequest['members'] {
  return Array.isArray(payload?.members) ? (payload.members as AnswerableRequest['members']) : [];
}

function departmentLabel(department: string): string {
  return DEPARTMENT_LABELS[department as Department] ?? department;
}

function sha256(content: Buffer | string): string {
  return createHash('sha256').update(content).digest('hex');
}

function beijingDate(at: Date): string {
  return beijingTime(at).slice(0, 10);
}

/** An ASCII fallback for old clients and the real (Chinese) name as RFC 5987 filename*. */
export function contentDisposition(fileName: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encoded}`;
}

async function mapWithConcurrency<T, R>(
  items: T[],
  limit: number,
  run: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
