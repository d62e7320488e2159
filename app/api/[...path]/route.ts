import { NotFoundError } from '@/lib/errors';
import { apiRoute } from '@/lib/http/route';

/**
 * Any /api address no route serves: a JSON 404 for every method, rather than the HTML not-found page.
 * (Next.js matches the routes beside this one first.)
 */
const notFound = apiRoute(
  async () => {
    throw new NotFoundError('No such API route');
  },
  { maxBodyBytes: Number.POSITIVE_INFINITY },
);

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
