import { getDb } from '@/db/client';
import { ownerRoute } from '@/lib/http/route';
import { continueSharedConversation } from '@/lib/share/service';

/** "Continue this conversation": a private copy of what the link shows, owned by the caller. */
export const POST = ownerRoute<{ token: string }>(async ({ ownerId, params }) => {
  const id = continueSharedConversation(getDb(), ownerId, params.token);
  return Response.json({ id }, { status: 201 });
});
