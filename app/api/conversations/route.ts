import { getDb } from '@/db/client';
import { listConversations } from '@/db/queries/conversations';
import { requireOwnerId } from '@/lib/auth/owner';
import { errorResponse } from '@/lib/errors';

export async function GET(): Promise<Response> {
  try {
    const ownerId = await requireOwnerId();
    return Response.json({ conversations: listConversations(getDb(), ownerId) });
  } catch (error) {
    return errorResponse(error);
  }
}
