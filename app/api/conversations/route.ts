import { getDb } from '@/db/client';
import { listConversationPage } from '@/db/queries/conversations';
import { encodeCursor, parseListQuery } from '@/lib/conversations/input';
import { otherMethods, ownerRoute } from '@/lib/http/route';

/** One page of the sidebar: `?archived=1` for the archived view, `?cursor=` for the next page. */
export const GET = ownerRoute(async ({ request, ownerId }) => {
  const { archived, cursor, limit } = parseListQuery(new URL(request.url));
  const page = listConversationPage(getDb(), ownerId, { archived, cursor, limit });
  return Response.json({ conversations: page.conversations, nextCursor: encodeCursor(page.nextCursor) });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
