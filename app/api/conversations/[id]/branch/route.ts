import { z } from 'zod';
import { getDb } from '@/db/client';
import { switchBranch } from '@/lib/chat/branches';
import { idSchema } from '@/lib/chat/request';
import { NotFoundError } from '@/lib/errors';
import { readJson } from '@/lib/http/body';
import { otherMethods, ownerRoute } from '@/lib/http/route';

const bodySchema = z.object({ messageId: idSchema }).strict();

/** Switches the conversation to another version of a message; answers the new active branch. */
export const POST = ownerRoute<{ id: string }>(
  async ({ request, ownerId, params }) => {
    const id = idSchema.safeParse(params.id);
    if (!id.success) throw new NotFoundError('Conversation not found');
    const { messageId } = await readJson(request, bodySchema, 4096);
    return Response.json({ id: id.data, ...switchBranch(getDb(), ownerId, id.data, messageId) });
  },
  { maxBodyBytes: 4096 },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods(['POST']);
