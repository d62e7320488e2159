'use client';

import { useEffect } from 'react';

/** How long a message opened from a search result stays highlighted. */
const HIGHLIGHT_MS = 4000;

/**
 * Opened from a search result (`/c/{id}?m={messageId}`, its branch already made active by the
 * page): scrolls to the message and highlights it for a moment, then drops `?m=` from the address
 * so a reload shows the conversation as the user leaves it.
 */
export function JumpToMessage({ conversationId, messageId }: { conversationId: string; messageId: string }) {
  useEffect(() => {
    let frame = 0;
    let timer = 0;
    const target = () =>
      document.querySelector<HTMLElement>(`article[data-message-id="${CSS.escape(messageId)}"]`);
    // After the thread's own scroll to the bottom (it runs in the same commit), on the next frame.
    frame = window.requestAnimationFrame(() => {
      const article = target();
      if (!article) return;
      const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
      article.scrollIntoView({ block: 'center', behavior: reduce ? 'auto' : 'smooth' });
      article.dataset.searchHit = 'true';
      article.classList.add('search-hit');
      timer = window.setTimeout(() => {
        article.classList.remove('search-hit');
        delete article.dataset.searchHit;
      }, HIGHLIGHT_MS);
    });
    window.history.replaceState(window.history.state, '', `/c/${conversationId}`);
    return () => {
      window.cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, [conversationId, messageId]);
  return null;
}
