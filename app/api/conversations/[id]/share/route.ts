import { getDb } from '@/db/client';
import { getConversation } from '@/db/queries/conversations';
import { getConversationShare } from '@/db/queries/shares';
import { idSchema } from '@/lib/chat/request';
import { NotFoundError } from '@/lib/errors';
import { ownerRoute } from '@/lib/http/route';
import { parseShareSettings, publicBase, shareJson } from '@/lib/share/http';
import { createShareLink } from '@/lib/share/service';

function conversationId(raw: string): string {
  const parsed = idSchema.safeParse(raw);
  if (!parsed.success) throw new NotFoundError('Conversation not found');
  return parsed.data;
}

/** The conversation's live link (null when it has none). */
export const GET = ownerRoute<{ id: string }>(async ({ request, ownerId, params }) => {
  const db = getDb();
  const id = conversationId(params.id);
  if (!getConversation(db, ownerId, id)) throw new NotFoundError('Conversation not found');
  const share = getConversationShare(db, ownerId, id);
  return Response.json({ share: share ? shareJson(share, publicBase(request)) : null });
});

/** "Create link": a snapshot of the active branch as it ends now. */
export const POST = ownerRoute<{ id: string }>(async ({ request, ownerId, params }) => {
  const id = conversationId(params.id);
  const settings = await parseShareSettings(request);
  const share = createShareLink(getDb(), ownerId, id, settings);
  return Response.json({ share: shareJson(share, publicBase(request)) }, { status: 201 });
});
