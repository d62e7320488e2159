'use client';

import { useEffect } from 'react';
import type { ChatUIMessage } from '@/lib/chat/types';

const POLL_MS = 1000;

/**
 * While the newest stored answer is still `streaming` but this page is not receiving it (it was
 * started by another tab, or before a reload), re-read the conversation until the answer ends.
 */
export function useStoredAnswerPolling(
  conversationId: string,
  active: boolean,
  setMessages: (messages: ChatUIMessage[]) => void,
): void {
  useEffect(() => {
    if (!active) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const response = await fetch(`/api/conversations/${conversationId}`, { cache: 'no-store' });
        if (response.ok && !cancelled) {
          const body = (await response.json()) as { messages: ChatUIMessage[] };
          setMessages(body.messages);
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
  }, [active, conversationId, setMessages]);
}
