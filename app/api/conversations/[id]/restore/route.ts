import { getDb } from '@/db/client';
import { restoreConversation } from '@/db/queries/conversations';
import { conversationId } from '@/lib/conversations/input';
import { NotFoundError } from '@/lib/errors';
import { NO_BODY_MAX_BYTES } from '@/lib/http/body';
import { otherMethods, ownerRoute } from '@/lib/http/route';

/** "Undo" of a delete, until the deletion is purged. */
export const POST = ownerRoute<{ id: string }>(
  async ({ ownerId, params }) => {
    const conversation = restoreConversation(getDb(), ownerId, conversationId(params.id));
    if (!conversation) throw new NotFoundError('Conversation not found');
    return Response.json({ conversation });
  },
  { maxBodyBytes: NO_BODY_MAX_BYTES },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods(['POST']);
