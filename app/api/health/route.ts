import { getDb } from '@/db/client';

export const dynamic = 'force-dynamic';

/** Liveness: the process answers and its database opens. Readiness is /api/health/ready. */
export async function GET(): Promise<Response> {
  try {
    getDb().$client.prepare('select 1').get();
    return Response.json({ ok: true });
  } catch {
    return Response.json({ ok: false }, { status: 503 });
  }
}
