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
import { maskPersonalData, maskPersonalText } from '@libs/domain';
import { AppException } from './app.exception';
import {
  databaseConflict,
  databaseRefusedData,
  databaseUnavailable,
  isDatabaseConflict,
  isDatabaseDataError,
  isDatabaseUnavailable,
} from './database-errors';

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

// The body parser's refusals (http-errors, by their `type`), in Chinese.
const BODY_PARSER_MESSAGES: Record<string, [string, string]> = {
  'entity.parse.failed': ['INVALID_JSON', '请求体不是合法的 JSON'],
  'charset.unsupported': [
    'UNSUPPORTED_MEDIA_TYPE',
    '请求体须为 UTF-8 编码的 JSON（Content-Type: application/json; charset=utf-8）',
  ],
  'encoding.unsupported': ['UNSUPPORTED_MEDIA_TYPE', '不支持该请求体压缩方式（Content-Encoding）'],
  'request.size.invalid': ['BAD_REQUEST', '请求体长度与 Content-Length 不符'],
  'request.aborted': ['BAD_REQUEST', '请求在发送完成前中断'],
  'parameters.too.many': ['PAYLOAD_TOO_LARGE', '请求参数过多'],
};

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  [detail: string]: unknown;
}

/** An error of the http-errors kind the body parser raises: a 4xx it means for the client. */
interface ClientHttpError {
  status: number;
  expose: true;
  type?: string;
  /** On entity.too.large: the parser's limit in bytes. */
  limit?: number;
}

function isClientHttpError(error: unknown): error is ClientHttpError {
  const { status, expose } = (error ?? {}) as Partial<ClientHttpError>;
  return expose === true && typeof status === 'number' && status >= 400 && status < 500;
}

function appExceptionBody(exception: AppException): ErrorBody {
  return {
    statusCode: exception.status,
    code: exception.code,
    message: exception.message,
    ...exception.details,
  };
}

// Our own validation errors carry a Chinese message; Nest's built-in ones (a bad JSON body, an unknown
// route) get the status's Chinese message instead of their English text.
function httpExceptionBody(exception: HttpException): ErrorBody {
  const status = exception.getStatus();
  const body = exception.getResponse();
  if (typeof body === 'object' && body !== null && 'code' in body) {
    return { statusCode: status, ...(body as { code: string; message: string }) };
  }
  const [code, message] =
    status === 400 && /JSON/.test(exception.message)
      ? BODY_PARSER_MESSAGES['entity.parse.failed']
      : (STATUS_MESSAGES[status] ?? ['ERROR', '请求失败']);
  return { statusCode: status, code, message };
}

function clientHttpErrorBody(error: ClientHttpError): ErrorBody {
  if (error.type === 'entity.too.large' && error.limit !== undefined) {
    const message = `请求内容过大：请求体不能超过 ${Math.floor(error.limit / 1024)} KB`;
    return { statusCode: error.status, code: 'PAYLOAD_TOO_LARGE', message };
  }
  const [code, message] = BODY_PARSER_MESSAGES[error.type ?? ''] ??
    STATUS_MESSAGES[error.status] ?? ['BAD_REQUEST', '请求有误'];
  return { statusCode: error.status, code, message };
}

@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const body = this.errorBody(exception);
    // Error bodies and log lines follow the masking policy too (a message may quote a value).
    host.switchToHttp().getResponse<Response>().status(body.statusCode).json(maskPersonalData(body));
  }

  private errorBody(exception: unknown): ErrorBody {
    if (exception instanceof AppException) return appExceptionBody(exception);
    if (exception instanceof HttpException) return httpExceptionBody(exception);
    if (isClientHttpError(exception)) return clientHttpErrorBody(exception);
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn(`database unavailable: ${errorText(exception)}`);
      return appExceptionBody(databaseUnavailable());
    }
    if (isDatabaseDataError(exception)) {
      // Validation should have refused this input before PostgreSQL did: worth a look, not a 500.
      this.logger.warn(`database refused a value: ${errorText(exception)}`);
      return appExceptionBody(databaseRefusedData());
    }
    if (isDatabaseConflict(exception)) {
      // Two requests raced for the same row, or a check should have come first: worth a look, not a 500.
      this.logger.warn(`database refused a conflicting write: ${errorText(exception)}`);
      return appExceptionBody(databaseConflict());
    }
    this.logger.error(
      maskPersonalText(exception instanceof Error ? (exception.stack ?? '') : String(exception)),
    );
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      code: 'INTERNAL_ERROR',
      message: '服务器内部错误，请稍后重试',
    };
  }
}

function errorText(error: unknown): string {
  return maskPersonalText(error instanceof Error ? error.message : String(error));
}
