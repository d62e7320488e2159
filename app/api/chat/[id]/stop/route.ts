import { getDb } from '@/db/client';
import { getConversation } from '@/db/queries/conversations';
import { idSchema } from '@/lib/chat/request';
import { stopTurn } from '@/lib/chat/turn';
import { NotFoundError } from '@/lib/errors';
import { NO_BODY_MAX_BYTES } from '@/lib/http/body';
import { otherMethods, ownerRoute } from '@/lib/http/route';

/** Stops the answer being written in a conversation; answers once it is saved as `stopped`. */
export const POST = ownerRoute<{ id: string }>(
  async ({ ownerId, params }) => {
    const conversationId = idSchema.safeParse(params.id);
    if (!conversationId.success || !getConversation(getDb(), ownerId, conversationId.data)) {
      throw new NotFoundError('Conversation not found');
    }
    return Response.json({ stopped: await stopTurn(ownerId, conversationId.data) });
  },
  { maxBodyBytes: NO_BODY_MAX_BYTES },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods(['POST']);
