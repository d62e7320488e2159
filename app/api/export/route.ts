import { z } from 'zod';
import { getDb } from '@/db/client';
import { NO_BODY_MAX_BYTES, parseWith } from '@/lib/http/body';
import { otherMethods, ownerRoute } from '@/lib/http/route';
import { buildExport, exportResponse } from '@/lib/transfer/export';

const querySchema = z.object({ format: z.enum(['json', 'markdown']).default('json') });

/** Every conversation of the caller as one download: `?format=json` or `?format=markdown`. */
export const GET = ownerRoute(
  async ({ request, ownerId }) => {
    const { format } = parseWith(querySchema, Object.fromEntries(new URL(request.url).searchParams), 'query');
    return exportResponse(buildExport(getDb(), ownerId), format, false);
  },
  { maxBodyBytes: NO_BODY_MAX_BYTES },
);

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
