import { getDb } from '@/db/client';
import { requireOwnerId } from '@/lib/auth/owner';
import { parseChatRequest } from '@/lib/chat/request';
import { runTurn } from '@/lib/chat/turn';
import { getConfig } from '@/lib/config';
import { errorResponse } from '@/lib/errors';
import { getGlm } from '@/lib/glm';

export async function POST(request: Request): Promise<Response> {
  try {
    const ownerId = await requireOwnerId();
    const { conversationId, message } = await parseChatRequest(request);
    return await runTurn({
      db: getDb(),
      glm: getGlm(),
      ownerId,
      conversationId,
      message,
      maxRetries: getConfig().maxRetries,
    });
  } catch (error) {
    return errorResponse(error);
  }
}
