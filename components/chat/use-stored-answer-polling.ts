'use client';

import { useEffect } from 'react';
import type { StoredPage } from './thread-page';

const POLL_MS = 1000;

/**
 * While the newest stored answer is still `streaming` but this page is not receiving it (it was
 * started by another tab, or before a reload), re-read its newest page until the answer ends.
 */
export function useStoredAnswerPolling(
  conversationId: string,
  active: boolean,
  applyPage: (page: StoredPage) => void,
): void {
  useEffect(() => {
    if (!active) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const response = await fetch(`/api/conversations/${conversationId}/messages`, { cache: 'no-store' });
        if (response.ok && !cancelled) {
          const body = (await response.json()) as StoredPage;
          applyPage(body);
          if (body.messages.at(-1)?.metadata?.status !== 'streaming') return;
        }
      } catch {
        // Server restarting: try again.
      }
      if (!cancelled) timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [active, conversationId, applyPage]);
}
