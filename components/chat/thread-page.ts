import type { ChatUIMessage } from '@/lib/chat/types';

/** A page of the active branch as the API answers it (`GET /api/conversations/{id}/messages`). */
export interface StoredPage {
  messages: ChatUIMessage[];
  /** The message just above the page (the next older page ends with it); null at the root. */
  olderCursor: string | null;
}

/**
 * The thread after re-reading its newest page: the page replaces what the browser holds from the
 * page's first message on, and the older messages already loaded above it stay. A page that does
 * not join what is held (the branch changed elsewhere) replaces it, with the page's own cursor.
 */
export function mergeNewestPage(
  held: ChatUIMessage[],
  heldCursor: string | null,
  page: StoredPage,
): { messages: ChatUIMessage[]; olderCursor: string | null } {
  const first = page.messages[0];
  const at = first ? held.findIndex((m) => m.id === first.id) : -1;
  if (at < 0) return { messages: page.messages, olderCursor: page.olderCursor };
  return {
    messages: [...held.slice(0, at), ...page.messages],
    olderCursor: at === 0 ? page.olderCursor : heldCursor,
  };
}

/**
 * The thread after loading the page above it: prepended when it ends just above the oldest message
 * held; anything it repeats (the branch changed meanwhile) is left out.
 */
export function prependOlderPage(held: ChatUIMessage[], page: StoredPage): ChatUIMessage[] {
  const ids = new Set(held.map((m) => m.id));
  return [...page.messages.filter((m) => !ids.has(m.id)), ...held];
}
