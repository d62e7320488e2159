import { getViewer, requireOwnerId } from '@/lib/auth/owner';
import {
  type ErrorContext,
  errorResponse,
  MethodNotAllowedError,
  NotFoundError,
  UnauthorizedError,
} from '@/lib/errors';
import { assertDeclaredBodySize, DEFAULT_MAX_BODY_BYTES } from './body';
import { assertSameOrigin } from './origin';
import { strictTransportSecurity } from './security-headers';

export interface RouteContext<P> {
  request: Request;
  params: P;
  /** This request's id: in the `x-request-id` response header and in any log line about it. */
  requestId: string;
}

export interface OwnerRouteContext<P> extends RouteContext<P> {
  ownerId: string;
}

export interface RouteOptions {
  /** The largest body this route accepts (413 above it); the chat request's limit by default. */
  maxBodyBytes?: number;
}

type Handler = (request: Request, context: { params: Promise<unknown> }) => Promise<Response>;
type RouteHandler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

/** Adds the per-request headers an API response carries (the fixed ones come from next.config.ts). */
export function withApiHeaders(response: Response, requestId: string): Response {
  const hsts = strictTransportSecurity(process.env.APP_URL);
  const set = (headers: Headers) => {
    headers.set('x-request-id', requestId);
    if (hsts) headers.set('strict-transport-security', hsts);
  };
  try {
    set(response.headers);
    return response;
  } catch {
    // Immutable headers (Response.redirect, a fetched response): answer with a copy.
    const copy = new Response(response.body, response);
    set(copy.headers);
    return copy;
  }
}

function errorContext(request: Request, requestId: string): ErrorContext {
  let route: string | undefined;
  try {
    route = new URL(request.url).pathname;
  } catch {
    route = undefined;
  }
  return { requestId, method: request.method, route };
}

/**
 * The frame of every API handler: a request id, the body size limit, errors as JSON
 * `{ error: { code, message } }` (never a stack trace), and the per-request headers.
 */
export function apiRoute<P = Record<string, never>>(
  handler: (ctx: RouteContext<P>) => Promise<Response>,
  options: RouteOptions = {},
): RouteHandler<P> {
  return async (request, context) => {
    const requestId = crypto.randomUUID();
    let response: Response;
    try {
      assertDeclaredBodySize(request, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
      response = await handler({ request, requestId, params: await context.params });
    } catch (error) {
      response = errorResponse(error, errorContext(request, requestId));
    }
    return withApiHeaders(response, requestId);
  };
}

/**
 * A route handler that only runs for a signed-in owner (401 otherwise), refuses cross-origin writes
 * (403), and turns every error into `{ error: { code, message } }` with its status.
 */
export function ownerRoute<P = Record<string, never>>(
  handler: (ctx: OwnerRouteContext<P>) => Promise<Response>,
  options: RouteOptions = {},
): RouteHandler<P> {
  return apiRoute<P>(async (ctx) => {
    assertSameOrigin(ctx.request);
    const ownerId = await requireOwnerId(ctx.request.headers);
    return handler({ ...ctx, ownerId });
  }, options);
}

/** Like ownerRoute, for admins only: anyone else gets the same 404 as for a missing resource. */
export function adminRoute<P = Record<string, never>>(
  handler: (ctx: OwnerRouteContext<P>) => Promise<Response>,
  options: RouteOptions = {},
): RouteHandler<P> {
  return apiRoute<P>(async (ctx) => {
    assertSameOrigin(ctx.request);
    const viewer = await getViewer(ctx.request.headers);
    if (!viewer) throw new UnauthorizedError();
    if (viewer.role !== 'admin' || viewer.singleUser) throw new NotFoundError();
    return handler({ ...ctx, ownerId: viewer.id });
  }, options);
}

const ALL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof ALL_METHODS)[number];

/**
 * Handlers for the methods a route does not serve: 405 with a JSON body and an `Allow` header
 * (Next.js would answer an empty 405). Spread into the route module:
 * `export const { PUT, PATCH, DELETE } = otherMethods(['GET', 'POST']);`
 */
export function otherMethods(allowed: readonly Method[]): Record<Method, Handler> {
  const answer: Handler = async (request) =>
    apiRoute(
      async () => {
        throw new MethodNotAllowedError(request.method, [
          ...allowed,
          ...(allowed.includes('GET') ? ['HEAD'] : []),
        ]);
      },
      { maxBodyBytes: Number.POSITIVE_INFINITY },
    )(request, { params: Promise.resolve({}) });
  return Object.fromEntries(ALL_METHODS.map((method) => [method, answer])) as Record<Method, Handler>;
}
