import { getDb } from '@/db/client';
import { searchConversations } from '@/db/queries/search';
import { parseSearchQuery } from '@/lib/conversations/input';
import { otherMethods, ownerRoute } from '@/lib/http/route';

/** Full-text search of the caller's conversations (titles and message text), one page at a time. */
export const GET = ownerRoute(async ({ request, ownerId }) => {
  const { q, filters, cursor } = parseSearchQuery(new URL(request.url));
  const page = searchConversations(getDb(), ownerId, q, { filters, cursor });
  return Response.json(page);
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
