import { z } from 'zod';
import { getDb } from '@/db/client';
import { switchBranchPage } from '@/lib/chat/branches';
import { idSchema } from '@/lib/chat/request';
import { NotFoundError } from '@/lib/errors';
import { readJson } from '@/lib/http/body';
import { otherMethods, ownerRoute } from '@/lib/http/route';

const bodySchema = z.object({ messageId: idSchema }).strict();

/** Switches the conversation to another version of a message; answers the new branch's newest page
 * (reaching back to that version) with its cursor. */
export const POST = ownerRoute<{ id: string }>(
  async ({ request, ownerId, params }) => {
    const id = idSchema.safeParse(params.id);
    if (!id.success) throw new NotFoundError('Conversation not found');
    const { messageId } = await readJson(request, bodySchema, 4096);
    return Response.json({ id: id.data, ...switchBranchPage(getDb(), ownerId, id.data, messageId) });
  },
  { maxBodyBytes: 4096 },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods(['POST']);
