import { z } from 'zod';
import { getDb } from '@/db/client';
import { getConversation } from '@/db/queries/conversations';
import { conversationSettings, saveConversationSettings } from '@/lib/chat/conversation-settings';
import { idSchema } from '@/lib/chat/request';
import { modelSettingsSchema } from '@/lib/chat/settings';
import { NotFoundError } from '@/lib/errors';
import { readJson } from '@/lib/http/body';
import { otherMethods, ownerRoute } from '@/lib/http/route';

const MAX_BYTES = 64_000;
const bodySchema = z.object({ settings: modelSettingsSchema }).strict();

function conversationId(ownerId: string, raw: string): string {
  const parsed = idSchema.safeParse(raw);
  if (!parsed.success || !getConversation(getDb(), ownerId, parsed.data)) {
    throw new NotFoundError('Conversation not found');
  }
  return parsed.data;
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
