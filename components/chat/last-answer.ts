'use client';

import type { ChatUIMessage } from '@/lib/chat/types';

/**
 * The text of the open conversation's last answer, for the "copy the last answer" shortcut. Read
 * from the chat's state, not the page: the thread is virtualised, so that answer may not be in the
 * DOM when the reader has scrolled up.
 */
let reader: (() => string | undefined) | undefined;

/** The chat registers its reader while it is mounted; the returned function unregisters it. */
export function registerLastAnswer(read: () => string | undefined): () => void {
  reader = read;
  return () => {
    if (reader === read) reader = undefined;
  };
}

export function lastAnswerText(): string | undefined {
  return reader?.();
}

/** The text parts of an answer, as its Copy button copies them. */
export function answerText(messages: ChatUIMessage[]): string | undefined {
  const last = messages.findLast((m) => m.role === 'assistant');
  const text = last?.parts
    .map((p) => (p.type === 'text' ? p.text : ''))
    .filter(Boolean)
    .join('\n\n');
  return text || undefined;
}
