import { getDb } from '@/db/client';
import { softDeleteConversation, updateConversation } from '@/db/queries/conversations';
import { conversationView } from '@/lib/chat/branches';
import { conversationId, conversationPatchSchema } from '@/lib/conversations/input';
import { purgeExpiredDeletions } from '@/lib/conversations/purge';
import { NotFoundError } from '@/lib/errors';
import { readJson } from '@/lib/http/body';
import { otherMethods, ownerRoute } from '@/lib/http/route';

/** The active branch of one conversation, as stored, and the versions of each message on it. */
export const GET = ownerRoute<{ id: string }>(async ({ ownerId, params }) => {
  const id = conversationId(params.id);
  const view = conversationView(getDb(), ownerId, id);
  if (!view) throw new NotFoundError('Conversation not found');
  return Response.json({ id, ...view });
});

/** Rename (the title becomes the user's: a GLM title never replaces it), pin, archive. */
export const PATCH = ownerRoute<{ id: string }>(
  async ({ request, ownerId, params }) => {
    const id = conversationId(params.id);
    const changes = await readJson(request, conversationPatchSchema, 4096);
    const conversation = updateConversation(getDb(), ownerId, id, changes);
    if (!conversation) throw new NotFoundError('Conversation not found');
    return Response.json({ conversation });
  },
  { maxBodyBytes: 4096 },
);

/** Delete: gone from every list, page, search and link at once; restorable for a while (Undo). */
export const DELETE = ownerRoute<{ id: string }>(async ({ ownerId, params }) => {
  const id = conversationId(params.id);
  const db = getDb();
  if (!softDeleteConversation(db, ownerId, id)) throw new NotFoundError('Conversation not found');
  purgeExpiredDeletions(db);
  return Response.json({ deleted: true });
});

export const { POST, PUT } = otherMethods(['GET', 'PATCH', 'DELETE']);
