// The one place errors become HTTP responses: { statusCode, code, message (Chinese), errors? }.

import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import { AppException } from './app.exception';

const STATUS_MESSAGES: Record<number, [string, string]> = {
  400: ['BAD_REQUEST', '请求有误'],
  401: ['UNAUTHENTICATED', '未登录或登录已过期'],
  403: ['FORBIDDEN', '无权执行此操作'],
  404: ['NOT_FOUND', '资源不存在'],
  405: ['METHOD_NOT_ALLOWED', '不支持的请求方法'],
  409: ['CONFLICT', '操作冲突'],
  413: ['PAYLOAD_TOO_LARGE', '请求内容过大'],
  415: ['UNSUPPORTED_MEDIA_TYPE', '请使用 application/json'],
};

@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof AppException) {
      response.status(exception.status).json({
        statusCode: exception.status,
        code: exception.code,
        message: exception.message,
        ...exception.details,
      });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      let [code, message] = STATUS_MESSAGES[status] ?? ['ERROR', '请求失败'];
      if (status === 400 && /JSON/.test(exception.message))
        [code, message] = ['INVALID_JSON', '请求体不是合法的 JSON'];
      // Our own validation errors carry a Chinese message; Nest's built-in ones (a bad JSON body,
      // an unknown route) get the status's Chinese message instead of their English text.
      const own =
        typeof body === 'object' && body !== null && 'code' in body
          ? (body as Record<string, unknown>)
          : undefined;
      response
        .status(status)
        .json(own ? { statusCode: status, ...own } : { statusCode: status, code, message });
      return;
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    response
      .status(HttpStatus.INTERNAL_SERVER_ERROR)
      .json({ statusCode: 500, code: 'INTERNAL_ERROR', message: '服务器内部错误，请稍后重试' });
  }
}
