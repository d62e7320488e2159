'use client';

import { useEffect } from 'react';
import { scrollToMessage } from '@/components/chat/thread-scroll';

/** How long a message opened from a search result stays highlighted. */
const HIGHLIGHT_MS = 4000;
/** Frames to wait for the virtualised thread to render the message after scrolling to it. */
const MAX_FRAMES = 120;

/**
 * Opened from a search result (`/c/{id}?m={messageId}`, the page showing the branch that holds it):
 * scrolls to the message and highlights it for a moment, then drops `?m=` from the address. The
 * hit's branch is only shown: it becomes the stored one when the reader sends or switches there.
 */
export function JumpToMessage({ conversationId, messageId }: { conversationId: string; messageId: string }) {
  useEffect(() => {
    let frame = 0;
    let timer = 0;
    const target = () =>
      document.querySelector<HTMLElement>(`article[data-message-id="${CSS.escape(messageId)}"]`);
    // After the thread's own scroll to the bottom (it runs in the same commit): the thread is
    // virtualised, so it first scrolls the message into its rendered range, then the article shows.
    let frames = 0;
    const find = () => {
      const article = target();
      if (!article) {
        if (frames++ === 0) scrollToMessage(messageId, 'center');
        if (frames < MAX_FRAMES) frame = window.requestAnimationFrame(find);
        return;
      }
      const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
      article.scrollIntoView({ block: 'center', behavior: reduce ? 'auto' : 'smooth' });
      article.dataset.searchHit = 'true';
      article.classList.add('search-hit');
      timer = window.setTimeout(() => {
        article.classList.remove('search-hit');
        delete article.dataset.searchHit;
      }, HIGHLIGHT_MS);
    };
    frame = window.requestAnimationFrame(find);
    window.history.replaceState(window.history.state, '', `/c/${conversationId}`);
    return () => {
      window.cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, [conversationId, messageId]);
  return null;
}
