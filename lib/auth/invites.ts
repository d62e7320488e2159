import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { invites, user } from '@/db/schema';

export const INVITE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

const hash = (token: string) => createHash('sha256').update(token).digest('base64url');

export interface InviteSummary {
  id: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
  usedByEmail: string | null;
}

/** A single-use sign-up link token (128 random bits, base64url); only its hash is stored. */
export function createInvite(
  db: Db,
  createdBy: string,
  now = Date.now(),
): { id: string; token: string; expiresAt: number } {
  const token = randomBytes(16).toString('base64url');
  const id = randomBytes(9).toString('base64url');
  const expiresAt = now + INVITE_LIFETIME_MS;
  db.insert(invites)
    .values({ id, tokenHash: hash(token), createdBy, createdAt: now, expiresAt })
    .run();
  return { id, token, expiresAt };
}

/**
 * Marks an unused, unexpired invite as used, atomically: of two sign-ups racing for one link, one
 * wins. Returns the invite id, or undefined when the token is unknown, used or expired.
 */
export function claimInvite(db: Db, token: string, now = Date.now()): string | undefined {
  const row = db
    .update(invites)
    .set({ usedAt: now })
    .where(and(eq(invites.tokenHash, hash(token)), isNull(invites.usedAt), gt(invites.expiresAt, now)))
    .returning({ id: invites.id })
    .get();
  return row?.id;
}

/** Gives a claimed invite back (the sign-up that claimed it failed). */
export function releaseInvite(db: Db, id: string): void {
  db.update(invites)
    .set({ usedAt: null, usedBy: null })
    .where(and(eq(invites.id, id), isNull(invites.usedBy)))
    .run();
}

export function recordInviteUse(db: Db, id: string, userId: string): void {
  db.update(invites).set({ usedBy: userId }).where(eq(invites.id, id)).run();
}

export function listInvites(db: Db): InviteSummary[] {
  return db
    .select({
      id: invites.id,
      createdAt: invites.createdAt,
      expiresAt: invites.expiresAt,
      usedAt: invites.usedAt,
      usedByEmail: user.email,
    })
    .from(invites)
    .leftJoin(user, eq(user.id, invites.usedBy))
    .orderBy(desc(invites.createdAt))
    .limit(100)
    .all();
}

export function revokeInvite(db: Db, id: string): boolean {
  return (
    db
      .delete(invites)
      .where(and(eq(invites.id, id), isNull(invites.usedAt)))
      .run().changes > 0
  );
}

/** Expired and unused links are of no use to anyone. */
export function pruneInvites(db: Db, now = Date.now()): void {
  db.delete(invites)
    .where(and(isNull(invites.usedAt), sql`${invites.expiresAt} < ${now}`))
    .run();
}
