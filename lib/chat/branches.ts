import type { Db } from '@/db/client';
import { activateMessage, type SiblingMap, siblingsOnPath } from '@/db/queries/branches';
import { getThread } from '@/db/queries/messages';
import { ConflictError, NotFoundError } from '@/lib/errors';
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
  const running = activeStreams().get(conversationId);
  if (running && running.ownerId === ownerId)
    throw new ConflictError('Wait for the answer to finish before switching versions.');
  activateMessage(db, ownerId, conversationId, messageId);
  const view = conversationView(db, ownerId, conversationId);
  if (!view) throw new NotFoundError('Conversation not found');
  return view;
}
