import { randomUUID } from 'node:crypto';
import type { Db } from '@/db/client';
import {
  createShare,
  findLiveShare,
  insertConversationCopy,
  messagePath,
  type ShareSummary,
  updateShare,
} from '@/db/queries/shares';
import type { ShareOptions } from '@/db/schema';
import type { ChatUIMessage } from '@/lib/chat/types';
import { NotFoundError } from '@/lib/errors';
import { expiresAtFor, optionsOf, type ShareSettings } from './options';
import { toSharedMessages } from './snapshot';
import { hashShareToken, isTokenShaped, newShareId, newShareToken } from './token';

/** "Create link": a new token for the conversation's active branch as it ends now. */
export function createShareLink(
  db: Db,
  ownerId: string,
  conversationId: string,
  settings: ShareSettings,
  now = Date.now(),
): ShareSummary {
  const token = newShareToken();
  return createShare(db, {
    id: newShareId(),
    token,
    tokenHash: hashShareToken(token),
    ownerId,
    conversationId,
    options: optionsOf(settings),
    expiresAt: expiresAtFor(settings.expiry, now),
    now,
  });
}

/** "Update link": same URL, the conversation's current end, these options; expiry counts from now. */
export function updateShareLink(
  db: Db,
  ownerId: string,
  id: string,
  settings: ShareSettings,
  now = Date.now(),
): ShareSummary {
  return updateShare(db, ownerId, id, {
    options: optionsOf(settings),
    expiresAt: expiresAtFor(settings.expiry, now),
    now,
  });
}

/** What a visitor of `/s/{token}` may see: everything on it is already filtered. */
export interface SharedSnapshot {
  shareId: string;
  title: string;
  options: ShareOptions;
  messages: ChatUIMessage[];
}

/**
 * The snapshot behind a token, filtered by the link's options; undefined for a token that is
 * malformed, unknown, revoked or expired (all the same to the caller).
 */
export function openSharedSnapshot(db: Db, token: string, now = Date.now()): SharedSnapshot | undefined {
  if (!isTokenShaped(token)) return undefined;
  const share = findLiveShare(db, hashShareToken(token), now);
  if (!share) return undefined;
  const thread = messagePath(db, share.conversationId, share.leafMessageId);
  return {
    shareId: share.id,
    title: share.title,
    options: share.options,
    messages: toSharedMessages(thread, share.options),
  };
}

/**
 * "Continue this conversation": copies what the link shows (nothing more) into a new private
 * conversation of `ownerId`, and returns its id.
 */
export function continueSharedConversation(db: Db, ownerId: string, token: string, now = Date.now()): string {
  const snapshot = openSharedSnapshot(db, token, now);
  if (!snapshot) throw new NotFoundError('Link not found');
  const conversationId = randomUUID();
  insertConversationCopy(db, {
    ownerId,
    conversationId,
    title: snapshot.title || 'Shared conversation',
    thread: snapshot.messages,
    now,
  });
  return conversationId;
}
