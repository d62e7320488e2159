import { getViewer, requireOwnerId } from '@/lib/auth/owner';
import { errorResponse, NotFoundError, UnauthorizedError } from '@/lib/errors';
import { assertSameOrigin } from './origin';

export interface OwnerRouteContext<P> {
  request: Request;
  ownerId: string;
  params: P;
}

/**
 * A route handler that only runs for a signed-in owner (401 otherwise), refuses cross-origin writes
 * (403), and turns every error into `{ error: { code, message } }` with its status.
 */
export function ownerRoute<P = Record<string, never>>(
  handler: (ctx: OwnerRouteContext<P>) => Promise<Response>,
): (request: Request, context: { params: Promise<P> }) => Promise<Response> {
  return async (request, context) => {
    try {
      assertSameOrigin(request);
      const ownerId = await requireOwnerId(request.headers);
      return await handler({ request, ownerId, params: await context.params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** Like ownerRoute, for admins only: anyone else gets the same 404 as for a missing resource. */
export function adminRoute<P = Record<string, never>>(
  handler: (ctx: OwnerRouteContext<P>) => Promise<Response>,
): (request: Request, context: { params: Promise<P> }) => Promise<Response> {
  return async (request, context) => {
    try {
      assertSameOrigin(request);
      const viewer = await getViewer(request.headers);
      if (!viewer) throw new UnauthorizedError();
      if (viewer.role !== 'admin' || viewer.singleUser) throw new NotFoundError();
      return await handler({ request, ownerId: viewer.id, params: await context.params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
