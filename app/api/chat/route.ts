import { getDb } from '@/db/client';
import { getConversation, updateConversationSettings } from '@/db/queries/conversations';
import { conversationSettings, saveConversationSettings } from '@/lib/chat/conversation-settings';
import { reserveTurn } from '@/lib/chat/limits';
import { parseChatRequest } from '@/lib/chat/request';
import type { ModelSettings } from '@/lib/chat/settings';
import { defaultSwitchIds, toolsForTurn } from '@/lib/chat/tools';
import { runTurn } from '@/lib/chat/turn';
import { getConfig } from '@/lib/config';
import { getGlm } from '@/lib/glm';
import { otherMethods, ownerRoute } from '@/lib/http/route';

export const POST = ownerRoute(async ({ request, ownerId }) => {
  const { conversationId, ask, thinking, tools, settings: sent } = await parseChatRequest(request);
  const config = getConfig();
  // Taken before anything is awaited (MCP servers connecting): parallel sends cannot all slip under
  // the caps. The turn releases it when its answer ends; a failure before that releases it here.
  const reservation = reserveTurn(ownerId, conversationId, config.limits);
  const db = getDb();
  let response: Response;
  let settings: ModelSettings;
  try {
    const saved = getConversation(db, ownerId, conversationId)?.settings.tools;
    const switches = tools ?? (Array.isArray(saved) ? saved.map(String) : defaultSwitchIds());
    // The settings the browser sent, else the conversation's, else the user's defaults.
    const base = sent ?? conversationSettings(db, ownerId, conversationId);
    settings = thinking === undefined ? base : { ...base, thinking };
    response = await runTurn({
      db,
      glm: getGlm(),
      ownerId,
      conversationId,
      ask,
      settings,
      tools: await toolsForTurn(switches),
      maxRetries: config.maxRetries,
      maxSteps: config.maxSteps,
      idleTimeoutMs: config.timeouts.idleMs,
      price: config.pricing,
      reservation,
    });
  } catch (error) {
    reservation.release();
    throw error;
  }
  // The conversation keeps the switches and settings it was last used with.
  if (tools) updateConversationSettings(db, ownerId, conversationId, { tools });
  if (sent || thinking !== undefined) saveConversationSettings(db, ownerId, conversationId, settings);
  return response;
});

export const { GET, PUT, PATCH, DELETE } = otherMethods(['POST']);
