import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { conversations, user } from '@/db/schema';

/** The owner of everything in single-user mode (AUTH_MODE=none), and of data made before accounts. */
export const LOCAL_OWNER_ID = 'local';

/** Makes sure the local owner exists (single-user mode). */
export function ensureLocalOwner(db: Db): void {
  const now = new Date();
  db.insert(user)
    .values({
      id: LOCAL_OWNER_ID,
      name: 'Local owner',
      email: `${LOCAL_OWNER_ID}@local.invalid`,
      emailVerified: false,
      createdAt: now,
      updatedAt: now,
      role: 'admin',
    })
    .onConflictDoNothing()
    .run();
}

/** Accounts that people sign in to (the local placeholder owner is not one). */
export function countAccounts(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(user).where(ne(user.id, LOCAL_OWNER_ID)).get()?.n ?? 0;
}

/**
 * The first account becomes admin (atomically: only if no other account is admin yet) and adopts
 * the conversations of the local owner, which then goes away. Returns whether it became admin.
 */
export function promoteFirstAccount(db: Db, userId: string, options: { keepLocalOwner: boolean }): boolean {
  return db.transaction((tx) => {
    const promoted = tx
      .update(user)
      .set({ role: 'admin' })
      .where(
        and(
          eq(user.id, userId),
          sql`not exists (select 1 from ${user} u where u.role = 'admin' and u.id not in (${userId}, ${LOCAL_OWNER_ID}))`,
        ),
      )
      .run().changes;
    if (promoted === 0) return false;
    tx.update(conversations).set({ ownerId: userId }).where(eq(conversations.ownerId, LOCAL_OWNER_ID)).run();
    if (!options.keepLocalOwner) tx.delete(user).where(eq(user.id, LOCAL_OWNER_ID)).run();
    return true;
  });
}

/** The account is the only admin while other accounts exist. */
export function isLastAdminWithOthers(db: Db, userId: string): boolean {
  const row = db
    .select({
      isAdmin: sql<number>`sum(case when ${user.id} = ${userId} and ${user.role} = 'admin' then 1 else 0 end)`,
      admins: sql<number>`sum(case when ${user.role} = 'admin' then 1 else 0 end)`,
      accounts: sql<number>`count(*)`,
    })
    .from(user)
    .where(ne(user.id, LOCAL_OWNER_ID))
    .get();
  return (row?.isAdmin ?? 0) > 0 && (row?.admins ?? 0) === 1 && (row?.accounts ?? 0) > 1;
}

/** The account is an admin and no other account is (demoting it would leave nobody to manage accounts). */
export function isOnlyAdmin(db: Db, userId: string): boolean {
  const row = db
    .select({
      isAdmin: sql<number>`sum(case when ${user.id} = ${userId} then 1 else 0 end)`,
      admins: sql<number>`count(*)`,
    })
    .from(user)
    .where(and(eq(user.role, 'admin'), ne(user.id, LOCAL_OWNER_ID)))
    .get();
  return (row?.isAdmin ?? 0) > 0 && (row?.admins ?? 0) === 1;
}
