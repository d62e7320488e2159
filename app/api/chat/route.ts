import { getDb } from '@/db/client';
import { parseChatRequest } from '@/lib/chat/request';
import { runTurn } from '@/lib/chat/turn';
import { getConfig } from '@/lib/config';
import { getGlm } from '@/lib/glm';
import { ownerRoute } from '@/lib/http/route';

export const POST = ownerRoute(async ({ request, ownerId }) => {
  const { conversationId, message } = await parseChatRequest(request);
  return runTurn({
    db: getDb(),
    glm: getGlm(),
    ownerId,
    conversationId,
    message,
    maxRetries: getConfig().maxRetries,
  });
});
