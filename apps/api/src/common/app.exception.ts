// Errors a module raises with a string code; the exception filter turns them into an HTTP status and
// the Chinese message here, at the edge.

export class AppException extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}
