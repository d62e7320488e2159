import { getDb } from '@/db/client';
import { createInvite, listInvites, pruneInvites } from '@/lib/auth/invites';
import { getConfig } from '@/lib/config';
import { NO_BODY_MAX_BYTES } from '@/lib/http/body';
import { ownOrigin } from '@/lib/http/origin';
import { adminRoute, otherMethods } from '@/lib/http/route';

export const GET = adminRoute(async () => Response.json({ invites: listInvites(getDb()) }));

/** A new single-use sign-up link; the token is shown once and only its hash is kept. */
export const POST = adminRoute(
  async ({ request, ownerId }) => {
    const db = getDb();
    pruneInvites(db);
    const invite = createInvite(db, ownerId);
    const base = getConfig().auth.appUrl ?? ownOrigin(request) ?? new URL(request.url).origin;
    const link = `${base}/sign-up?invite=${encodeURIComponent(invite.token)}`;
    return Response.json({ id: invite.id, link, expiresAt: invite.expiresAt }, { status: 201 });
  },
  { maxBodyBytes: NO_BODY_MAX_BYTES },
);

export const { PUT, PATCH, DELETE } = otherMethods(['GET', 'POST']);
