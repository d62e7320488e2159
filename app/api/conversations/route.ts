import { getDb } from '@/db/client';
import { listConversations } from '@/db/queries/conversations';
import { otherMethods, ownerRoute } from '@/lib/http/route';

export const GET = ownerRoute(async ({ ownerId }) =>
  Response.json({ conversations: listConversations(getDb(), ownerId) }),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
