import { errorFields, log } from './log';

/** Typed errors: each has a stable code and the HTTP status a route answers with. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export class NotFoundError extends AppError {
  constructor(what = 'Not found') {
    super('not_found', what, 404);
  }
}

export class ValidationError extends AppError {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super('invalid_request', message, 400);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super('conflict', message, 409);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super(
      'payload_too_large',
      `The request body is larger than ${limitBytes.toLocaleString('en')} bytes.`,
      413,
    );
  }
}

export class MethodNotAllowedError extends AppError {
  constructor(
    method: string,
    readonly allowed: readonly string[],
  ) {
    super('method_not_allowed', `${method} is not allowed here (use ${allowed.join(', ')}).`, 405);
  }
}

/** Where an error happened, for the log line: never a body, a cookie or a query string. */
export interface ErrorContext {
  requestId?: string;
  method?: string;
  route?: string;
}

/**
 * JSON error response: `{ error: { code, message } }`, never a stack trace. An unexpected error is a
 * 500 with a generic sentence, logged as one JSON line with the request id (lib/log.ts).
 */
export function errorResponse(error: unknown, context: ErrorContext = {}): Response {
  if (error instanceof AppError) {
    const headers = error instanceof MethodNotAllowedError ? { allow: error.allowed.join(', ') } : undefined;
    return Response.json(
      { error: { code: error.code, message: error.message } },
      { status: error.status, headers },
    );
  }
  log('error', 'unexpected error', { ...context, ...errorFields(error) });
  return Response.json(
    { error: { code: 'internal', message: 'Something went wrong on the server.' } },
    { status: 500 },
  );
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Sign in to continue.') {
    super('unauthorized', message, 401);
  }
}

export class ForbiddenError extends AppError {
  constructor(message: string) {
    super('forbidden', message, 403);
  }
}
