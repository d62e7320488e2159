import { getDb } from '@/db/client';
import { apiRoute, otherMethods } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

/** Liveness: the process answers and its database opens. Readiness is /api/health/ready. */
export const GET = apiRoute(async () => {
  try {
    getDb().$client.prepare('select 1').get();
    return Response.json({ ok: true });
  } catch {
    return Response.json({ ok: false }, { status: 503 });
  }
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
