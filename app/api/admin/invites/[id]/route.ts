import { z } from 'zod';
import { getDb } from '@/db/client';
import { revokeInvite } from '@/lib/auth/invites';
import { NotFoundError } from '@/lib/errors';
import { NO_BODY_MAX_BYTES } from '@/lib/http/body';
import { adminRoute, otherMethods } from '@/lib/http/route';

/** Invite ids are 12 base64url characters (lib/auth/invites.ts); anything else is not one. */
const inviteIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

export const DELETE = adminRoute<{ id: string }>(
  async ({ params }) => {
    const id = inviteIdSchema.safeParse(params.id);
    if (!id.success || !revokeInvite(getDb(), id.data)) {
      throw new NotFoundError('Invite not found or already used');
    }
    return Response.json({ revoked: true });
  },
  { maxBodyBytes: NO_BODY_MAX_BYTES },
);

export const { GET, POST, PUT, PATCH } = otherMethods(['DELETE']);
