import { getDb } from '@/db/client';
import { getConversation } from '@/db/queries/conversations';
import { requireOwnerId } from '@/lib/auth/owner';
import { idSchema } from '@/lib/chat/request';
import { stopTurn } from '@/lib/chat/turn';
import { errorResponse, NotFoundError } from '@/lib/errors';

/** Stops the answer being written in a conversation; answers once it is saved as `stopped`. */
export async function POST(_request: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const ownerId = await requireOwnerId();
    const { id } = await ctx.params;
    const conversationId = idSchema.safeParse(id);
    if (!conversationId.success || !getConversation(getDb(), ownerId, conversationId.data)) {
      throw new NotFoundError('Conversation not found');
    }
    const stopped = await stopTurn(ownerId, conversationId.data);
    return Response.json({ stopped });
  } catch (error) {
    return errorResponse(error);
  }
}
