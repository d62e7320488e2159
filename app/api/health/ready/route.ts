import { getDb, migrationsFolder } from '@/db/client';
import { getConfig } from '@/lib/config';
import { getGlm } from '@/lib/glm';
import { checkReadiness } from '@/lib/health/readiness';

export const dynamic = 'force-dynamic';

/**
 * Readiness: the database takes a write, every migration is applied, and the GLM backend answers.
 * 200 with the checks when all pass, 503 with the same JSON when one fails (lib/health/readiness.ts).
 */
export async function GET(): Promise<Response> {
  try {
    const config = getConfig();
    const readiness = await checkReadiness({
      sqlite: getDb().$client,
      migrationsFolder: migrationsFolder(),
      upstream: { inProcess: Boolean(getGlm().simulator), baseURL: config.baseURL, apiKey: config.apiKey },
    });
    return Response.json(readiness, {
      status: readiness.ok ? 200 : 503,
      headers: { 'cache-control': 'no-store' },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return Response.json(
      { ok: false, error: message },
      { status: 503, headers: { 'cache-control': 'no-store' } },
    );
  }
}
