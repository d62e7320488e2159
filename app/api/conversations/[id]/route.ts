import { getDb } from '@/db/client';
import { getThread } from '@/db/queries/messages';
import { idSchema } from '@/lib/chat/request';
import { NotFoundError } from '@/lib/errors';
import { otherMethods, ownerRoute } from '@/lib/http/route';

/** The active branch of one conversation, as stored. */
export const GET = ownerRoute<{ id: string }>(async ({ ownerId, params }) => {
  const parsed = idSchema.safeParse(params.id);
  const messages = parsed.success ? getThread(getDb(), ownerId, parsed.data) : undefined;
  if (!parsed.success || !messages) throw new NotFoundError('Conversation not found');
  return Response.json({ id: parsed.data, messages });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
