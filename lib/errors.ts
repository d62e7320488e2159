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

/** JSON error response: `{ error: { code, message } }`, never a stack trace. */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    return Response.json({ error: { code: error.code, message: error.message } }, { status: error.status });
  }
  console.error('[glm-chat] unexpected error:', error instanceof Error ? error.message : String(error));
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
