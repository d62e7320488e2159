import { getDb } from '@/db/client';
import { getThread } from '@/db/queries/messages';
import { requireOwnerId } from '@/lib/auth/owner';
import { idSchema } from '@/lib/chat/request';
import { errorResponse, NotFoundError } from '@/lib/errors';

/** The active branch of one conversation, as stored. */
export async function GET(_request: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const ownerId = await requireOwnerId();
    const { id } = await ctx.params;
    const parsed = idSchema.safeParse(id);
    const messages = parsed.success ? getThread(getDb(), ownerId, parsed.data) : undefined;
    if (!messages) throw new NotFoundError('Conversation not found');
    return Response.json({ id: parsed.data, messages });
  } catch (error) {
    return errorResponse(error);
  }
}
