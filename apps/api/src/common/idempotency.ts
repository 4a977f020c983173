import { AppException } from './app.exception';

/** An Idempotency-Key header, if sent, must be one a workflow can take as an Update id. */
export function checkIdempotencyKey(key: string | undefined): void {
  if (key !== undefined && !/^[\w:.-]{8,128}$/.test(key)) {
    throw new AppException('BAD_IDEMPOTENCY_KEY', 400, 'Idempotency-Key 应为 8–128 位字母、数字或 -_:.', {
      errors: [{ field: 'Idempotency-Key', message: '应为 8–128 位字母、数字或 -_:.' }],
    });
  }
}
