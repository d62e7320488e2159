import type { Db } from '@/db/client';
import { activateMessage, latestLeafUnder, type SiblingMap, siblingsOnPath } from '@/db/queries/branches';
import { getMessagesByIds, getPathIds, getThread } from '@/db/queries/messages';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { activeStreams } from './active-streams';
import type { ChatUIMessage } from './types';

/** What a page shows of a conversation: the active branch, and the versions of each message on it. */
export interface ConversationView {
  messages: ChatUIMessage[];
  siblings: SiblingMap;
}

export function conversationView(
  db: Db,
  ownerId: string,
  conversationId: string,
): ConversationView | undefined {
  const messages = getThread(db, ownerId, conversationId);
  if (!messages) return undefined;
  return {
    messages,
    siblings: siblingsOnPath(
      db,
      ownerId,
      conversationId,
      messages.map((m) => m.id),
    ),
  };
}

/** How many messages of the active branch the page sends first, and each older page after it. */
export const THREAD_PAGE_SIZE = 40;

/**
 * A page of the active branch: a run of consecutive messages, root first, and `olderCursor` — the id
 * of the message just before the run (the parent of its first message), null when the run starts at
 * the root. The versions map covers the whole branch (it holds ids only).
 */
export interface ConversationPage extends ConversationView {
  olderCursor: string | null;
}

export interface PageOptions {
  /** The page ends with this message (the cursor of the page below); absent: at the end of the branch. */
  through?: string;
  /** The page reaches back at least to this message (a search hit, a version switched to). */
  include?: string;
  /**
   * Shows the branch through this message (its most recent leaf below it) instead of the active
   * one, without storing anything: a search hit opened from a link. Ignored for a message that is
   * not in the conversation.
   */
  view?: string;
  limit?: number;
}

/**
 * The newest messages of the active branch (a page opens with them) or the page above a cursor, so a
 * conversation of a thousand messages is neither read nor sent whole. `include` extends the page
 * back to a message further up the branch. The page above a cursor is the cursor's own ancestry
 * (what the page shows below it continues from there, whichever branch is active now); a cursor
 * that is not in the conversation is a validation error. Reads only: nothing here moves the branch.
 */
export function conversationPage(
  db: Db,
  ownerId: string,
  conversationId: string,
  { through, include, view, limit = THREAD_PAGE_SIZE }: PageOptions = {},
): ConversationPage | undefined {
  const viewed =
    through === undefined && view !== undefined ? latestLeafUnder(db, conversationId, view) : undefined;
  const path = getPathIds(db, ownerId, conversationId, through ?? viewed);
  if (!path) return undefined;
  let end = path.length;
  if (through !== undefined) {
    const at = path.indexOf(through);
    if (at < 0) throw new ValidationError('That message is no longer on this branch.', 'cursor');
    end = at + 1;
  }
  let start = Math.max(0, end - limit);
  if (include !== undefined) {
    const at = path.indexOf(include);
    // A few messages above the one asked for, so it does not open against the top edge.
    if (at >= 0 && at < start) start = Math.max(0, at - 4);
  }
  const ids = path.slice(start, end);
  return {
    messages: getMessagesByIds(db, ownerId, conversationId, ids),
    siblings: siblingsOnPath(db, ownerId, conversationId, path),
    olderCursor: start > 0 ? path[start - 1] : null,
  };
}

function activateVersion(db: Db, ownerId: string, conversationId: string, messageId: string): void {
  const running = activeStreams().get(conversationId);
  if (running && running.ownerId === ownerId)
    throw new ConflictError('Wait for the answer to finish before switching versions.');
  activateMessage(db, ownerId, conversationId, messageId);
}

/**
 * Shows another version of a message: its most recent branch becomes the active one (stored, so a
 * reload and the next request see it). Refused while an answer is being written in the conversation,
 * whose branch must stay the one that answer ends.
 */
export function switchBranch(
  db: Db,
  ownerId: string,
  conversationId: string,
  messageId: string,
): ConversationView {
  activateVersion(db, ownerId, conversationId, messageId);
  const view = conversationView(db, ownerId, conversationId);
  if (!view) throw new NotFoundError('Conversation not found');
  return view;
}

/** switchBranch for the page: the new branch's newest page, reaching back to the version shown. */
export function switchBranchPage(
  db: Db,
  ownerId: string,
  conversationId: string,
  messageId: string,
): ConversationPage {
  activateVersion(db, ownerId, conversationId, messageId);
  const page = conversationPage(db, ownerId, conversationId, { include: messageId });
  if (!page) throw new NotFoundError('Conversation not found');
  return page;
}
