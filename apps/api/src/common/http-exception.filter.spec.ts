import { type ArgumentsHost, BadRequestException, Logger, NotFoundException } from '@nestjs/common';
import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { AppException } from './app.exception';
import { HttpExceptionFilter } from './http-exception.filter';

/** What the filter answers for `exception`: the status and the JSON body. */
function answer(exception: unknown): { status: number; body: Record<string, unknown> } {
  const sent = { status: 0, body: {} as Record<string, unknown> };
  const response = {
    status(code: number) {
      sent.status = code;
      return response;
    },
    json(body: Record<string, unknown>) {
      sent.body = body;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new HttpExceptionFilter().catch(exception, host);
  return sent;
}

/** An error as the body parser raises it (http-errors). */
function parserError(status: number, type: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error('parser'), { status, statusCode: status, expose: true, type, ...extra });
}

describe('HttpExceptionFilter', () => {
  beforeEach(() => {
    // The filter logs what it cannot place; these errors are made up.
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('answers its own exceptions with their code, message and details', () => {
    expect(answer(new AppException('CASE_NOT_FOUND', 404, '案件不存在', { caseId: 'c' }))).toEqual({
      status: 404,
      body: { statusCode: 404, code: 'CASE_NOT_FOUND', message: '案件不存在', caseId: 'c' },
    });
  });

  it("keeps a validation error's fields and words Nest's own errors in Chinese", () => {
    const fields = {
      code: 'VALIDATION_FAILED',
      message: '输入有误',
      errors: [{ field: 'a', message: '必填' }],
    };
    expect(answer(new BadRequestException(fields)).body).toEqual({ statusCode: 400, ...fields });
    expect(answer(new NotFoundException('Cannot GET /x')).body).toEqual({
      statusCode: 404,
      code: 'NOT_FOUND',
      message: '资源不存在',
    });
  });

  it("answers the body parser's refusals with their own status, in Chinese", () => {
    expect(answer(parserError(413, 'entity.too.large', { limit: 102400 }))).toEqual({
      status: 413,
      body: { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大：请求体不能超过 100 KB' },
    });
    expect(answer(parserError(415, 'charset.unsupported')).body).toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: expect.stringContaining('UTF-8'),
    });
    expect(answer(parserError(400, 'entity.parse.failed')).body).toMatchObject({ code: 'INVALID_JSON' });
    expect(answer(parserError(400, 'something.new')).body).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('answers 503 when PostgreSQL cannot be reached, saying the request did not take effect', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(answer(refused)).toEqual({
      status: 503,
      body: {
        statusCode: 503,
        code: 'DATABASE_UNAVAILABLE',
        message: '数据库暂不可用，请稍后重试；本次操作未生效',
      },
    });
  });

  it('answers 400 when PostgreSQL refused a value, and 500 for anything else', () => {
    const driverError = Object.assign(new DatabaseError('invalid input syntax for type uuid', 1, 'error'), {
      code: '22P02',
    });
    expect(answer(new QueryFailedError('SELECT', [], driverError)).body).toMatchObject({
      statusCode: 400,
      code: 'INVALID_VALUE',
    });
    expect(answer(new Error('boom'))).toEqual({
      status: 500,
      body: { statusCode: 500, code: 'INTERNAL_ERROR', message: '服务器内部错误，请稍后重试' },
    });
  });
});
