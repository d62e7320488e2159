import { getDb } from '@/db/client';

/** Liveness: the process answers and its database opens. */
export async function GET(): Promise<Response> {
  try {
    getDb().$client.prepare('select 1').get();
    return Response.json({ ok: true });
  } catch {
    return Response.json({ ok: false }, { status: 503 });
  }
}
