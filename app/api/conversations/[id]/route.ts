import { getDb } from '@/db/client';
import { conversationView } from '@/lib/chat/branches';
import { idSchema } from '@/lib/chat/request';
import { NotFoundError } from '@/lib/errors';
import { otherMethods, ownerRoute } from '@/lib/http/route';

/** The active branch of one conversation, as stored, and the versions of each message on it. */
export const GET = ownerRoute<{ id: string }>(async ({ ownerId, params }) => {
  const parsed = idSchema.safeParse(params.id);
  const view = parsed.success ? conversationView(getDb(), ownerId, parsed.data) : undefined;
  if (!parsed.success || !view) throw new NotFoundError('Conversation not found');
  return Response.json({ id: parsed.data, ...view });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
