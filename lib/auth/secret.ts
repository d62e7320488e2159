import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { appSettings } from '@/db/schema';

const KEY = 'auth_secret';

/**
 * The secret that signs session cookies: BETTER_AUTH_SECRET when set, otherwise one made on first
 * boot and kept in the database, so a self-hoster never runs on a guessable default.
 */
export function resolveAuthSecret(db: Db, configured: string | undefined): string {
  if (configured) return configured;
  const stored = db.select().from(appSettings).where(eq(appSettings.key, KEY)).get();
  if (stored) return stored.value;
  const made = randomBytes(32).toString('base64url');
  db.insert(appSettings).values({ key: KEY, value: made }).onConflictDoNothing().run();
  return db.select().from(appSettings).where(eq(appSettings.key, KEY)).get()?.value ?? made;
}
