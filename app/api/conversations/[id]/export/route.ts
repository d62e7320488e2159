import { z } from 'zod';
import { getDb } from '@/db/client';
import { idSchema } from '@/lib/chat/request';
import { NotFoundError } from '@/lib/errors';
import { NO_BODY_MAX_BYTES, parseWith } from '@/lib/http/body';
import { otherMethods, ownerRoute } from '@/lib/http/route';
import { buildExport, exportResponse } from '@/lib/transfer/export';

const querySchema = z.object({ format: z.enum(['json', 'markdown']).default('json') });

/** One conversation as a download: `?format=json` (every branch) or `?format=markdown`. */
export const GET = ownerRoute<{ id: string }>(
  async ({ request, ownerId, params }) => {
    const id = idSchema.safeParse(params.id);
    if (!id.success) throw new NotFoundError('Conversation not found');
    const { format } = parseWith(querySchema, Object.fromEntries(new URL(request.url).searchParams), 'query');
    return exportResponse(buildExport(getDb(), ownerId, id.data), format, true);
  },
  { maxBodyBytes: NO_BODY_MAX_BYTES },
);

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
