import { z } from 'zod';
import { getDb } from '@/db/client';
import { conversationPage, THREAD_PAGE_SIZE } from '@/lib/chat/branches';
import { idSchema } from '@/lib/chat/request';
import { conversationId } from '@/lib/conversations/input';
import { NotFoundError } from '@/lib/errors';
import { parseWith } from '@/lib/http/body';
import { otherMethods, ownerRoute } from '@/lib/http/route';

const querySchema = z
  .object({
    /** The page ends with this message (a page's `olderCursor`); absent: the newest page. */
    through: idSchema.optional(),
    /** The page reaches back at least to this message. */
    include: idSchema.optional(),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(THREAD_PAGE_SIZE * 5)
      .optional(),
  })
  .strict();

/**
 * A page of the conversation's active branch, root first: the newest messages, or those above a
 * cursor (`?through=` a page's `olderCursor`), with the versions map of the branch and the cursor of
 * the page above (null at the root). The chat page loads older messages with it as the reader scrolls up.
 */
export const GET = ownerRoute<{ id: string }>(async ({ request, ownerId, params }) => {
  const id = conversationId(params.id);
  const query = parseWith(querySchema, Object.fromEntries(new URL(request.url).searchParams), 'query');
  const page = conversationPage(getDb(), ownerId, id, query);
  if (!page) throw new NotFoundError('Conversation not found');
  return Response.json({ id, ...page });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
