import { getDb } from '@/db/client';
import { revokeInvite } from '@/lib/auth/invites';
import { NotFoundError } from '@/lib/errors';
import { adminRoute } from '@/lib/http/route';

export const DELETE = adminRoute<{ id: string }>(async ({ params }) => {
  if (!revokeInvite(getDb(), params.id)) throw new NotFoundError('Invite not found or already used');
  return Response.json({ revoked: true });
});
