import { z } from 'zod';
import { getDb } from '@/db/client';
import { getConversation } from '@/db/queries/conversations';
import { conversationSettings, saveConversationSettings } from '@/lib/chat/conversation-settings';
import { idSchema } from '@/lib/chat/request';
import { modelSettingsSchema } from '@/lib/chat/settings';
import { NotFoundError } from '@/lib/errors';
import { parseWith, readJson } from '@/lib/http/body';
import { otherMethods, ownerRoute } from '@/lib/http/route';

const MAX_BYTES = 64_000;
const bodySchema = z.object({ settings: modelSettingsSchema }).strict();

function conversationId(ownerId: string, raw: string): string {
  const id = parseWith(idSchema, raw, 'id');
  if (!getConversation(getDb(), ownerId, id)) throw new NotFoundError('Conversation not found');
  return id;
}

/** The conversation's model settings (the user's defaults until it has its own). */
export const GET = ownerRoute<{ id: string }>(async ({ ownerId, params }) => {
  const id = conversationId(ownerId, params.id);
  return Response.json({ settings: conversationSettings(getDb(), ownerId, id) });
});

/** Replaces the conversation's model settings; a bad value is a 400 naming the field and its range. */
export const PUT = ownerRoute<{ id: string }>(
  async ({ request, ownerId, params }) => {
    const id = conversationId(ownerId, params.id);
    const { settings } = await readJson(request, bodySchema, MAX_BYTES);
    saveConversationSettings(getDb(), ownerId, id, settings);
    return Response.json({ settings });
  },
  { maxBodyBytes: MAX_BYTES },
);

export const { POST, PATCH, DELETE } = otherMethods(['GET', 'PUT']);
