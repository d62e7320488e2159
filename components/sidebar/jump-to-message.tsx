'use client';

import { useEffect } from 'react';
import { scrollToMessage } from '@/components/chat/thread-scroll';

/** How long a message opened from a search result stays highlighted. */
const HIGHLIGHT_MS = 4000;
/** Frames to wait for the virtualised thread to render the message after scrolling to it. */
const MAX_FRAMES = 120;

/** Set by a click on a search result in this tab; another site cannot set it (sessionStorage). */
const OPENED_HIT_KEY = 'glm-chat:opened-search-hit';

/** Called when the reader clicks a search result: the page it opens may store that hit's branch. */
export function markOpenedHit(messageId: string): void {
  try {
    window.sessionStorage.setItem(OPENED_HIT_KEY, messageId);
  } catch {
    // Storage unavailable: the hit is shown, its branch is not stored.
  }
}

/** True once for the hit the reader clicked in this tab (a link from elsewhere has no mark). */
function takeOpenedHit(messageId: string): boolean {
  try {
    const marked = window.sessionStorage.getItem(OPENED_HIT_KEY) === messageId;
    if (marked) window.sessionStorage.removeItem(OPENED_HIT_KEY);
    return marked;
  } catch {
    return false;
  }
}

/**
 * Opened from a search result (`/c/{id}?m={messageId}`, the page showing the branch that holds it):
 * scrolls to the message and highlights it for a moment, then drops `?m=` from the address. The
 * page only shows the hit's branch (a GET stores nothing). When the reader clicked the result here,
 * the branch is then stored through the branch route (same origin, refused while an answer is being
 * written), so a reload keeps it; a link from another site never gets that far.
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
    if (takeOpenedHit(messageId)) {
      void fetch(`/api/conversations/${encodeURIComponent(conversationId)}/branch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messageId }),
      }).catch(() => undefined);
    }
    window.history.replaceState(window.history.state, '', `/c/${conversationId}`);
    return () => {
      window.cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, [conversationId, messageId]);
  return null;
}
