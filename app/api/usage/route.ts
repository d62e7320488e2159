import { getDb } from '@/db/client';
import { dailyUsage, dailyUsageAllUsers } from '@/db/queries/usage';
import { getViewer } from '@/lib/auth/owner';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { otherMethods, ownerRoute } from '@/lib/http/route';
import { usageQuerySchema, usageSince } from '@/lib/usage/range';

/**
 * Usage per day: `scope=me` (default) the caller's own; `scope=all` every user's, per user per day
 * (admins with accounts only; anyone else gets 404).
 */
export const GET = ownerRoute(async ({ request, ownerId }) => {
  const url = new URL(request.url);
  const parsed = usageQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'query';
    throw new ValidationError(`Invalid ${field}: ${issue?.message ?? 'invalid value'}`, field);
  }
  const { days, offset, scope } = parsed.data;
  const since = usageSince(days, offset);
  const db = getDb();
  if (scope === 'all') {
    const viewer = await getViewer(request.headers);
    if (viewer?.role !== 'admin' || viewer.singleUser) throw new NotFoundError();
    return Response.json({ days, since, rows: dailyUsageAllUsers(db, since, offset) });
  }
  return Response.json({ days, since, rows: dailyUsage(db, ownerId, since, offset) });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
