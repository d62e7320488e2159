import { getDb } from '@/db/client';
import { getConversation } from '@/db/queries/conversations';
import { conversationUsage } from '@/db/queries/usage';
import { idSchema } from '@/lib/chat/request';
import { NotFoundError } from '@/lib/errors';
import { otherMethods, ownerRoute } from '@/lib/http/route';

/** What a conversation has used so far (every answer on every branch, and its summaries). */
export const GET = ownerRoute<{ id: string }>(async ({ ownerId, params }) => {
  const id = idSchema.safeParse(params.id);
  const db = getDb();
  if (!id.success || !getConversation(db, ownerId, id.data))
    throw new NotFoundError('Conversation not found');
  return Response.json(conversationUsage(db, ownerId, id.data));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
