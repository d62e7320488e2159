import type { Db } from '@/db/client';
import { purgeDeletedConversations } from '@/db/queries/conversations';

/**
 * How long a deleted conversation stays restorable on the server. The Undo toast lasts seconds;
 * this is longer so that an Undo sent just before a reload or on a slow network still lands.
 */
export const PURGE_AFTER_MS = 10 * 60 * 1000;

/** Removes for good what was deleted more than PURGE_AFTER_MS ago (at boot and on every delete). */
export function purgeExpiredDeletions(db: Db, now = Date.now()): number {
  return purgeDeletedConversations(db, now - PURGE_AFTER_MS);
}
