import { getDb } from '@/db/client';
import { listShares } from '@/db/queries/shares';
import { ownerRoute } from '@/lib/http/route';
import { publicBase, shareJson } from '@/lib/share/http';

/** Every link of the signed-in owner. */
export const GET = ownerRoute(async ({ request, ownerId }) => {
  const base = publicBase(request);
  return Response.json({ shares: listShares(getDb(), ownerId).map((s) => shareJson(s, base)) });
});
