import { z } from 'zod';
import { getDb } from '@/db/client';
import { revokeShare } from '@/db/queries/shares';
import { NotFoundError } from '@/lib/errors';
import { ownerRoute } from '@/lib/http/route';
import { parseShareSettings, publicBase, shareJson } from '@/lib/share/http';
import { updateShareLink } from '@/lib/share/service';

const shareIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,32}$/);

function shareId(raw: string): string {
  const parsed = shareIdSchema.safeParse(raw);
  if (!parsed.success) throw new NotFoundError('Link not found');
  return parsed.data;
}

/** "Update link": the same URL now shows the conversation's current end, with these options. */
export const PATCH = ownerRoute<{ id: string }>(async ({ request, ownerId, params }) => {
  const id = shareId(params.id);
  const settings = await parseShareSettings(request);
  const share = updateShareLink(getDb(), ownerId, id, settings);
  return Response.json({ share: shareJson(share, publicBase(request)) });
});

/** "Revoke": the link answers 404 from now on. */
export const DELETE = ownerRoute<{ id: string }>(async ({ ownerId, params }) => {
  revokeShare(getDb(), ownerId, shareId(params.id));
  return Response.json({ revoked: true });
});
