'use client';

import { useEffect, useRef } from 'react';
import type { ChatUIMessage } from '@/lib/chat/types';

/**
 * Once, on mount: re-attach to the answer the server is still writing (GET /api/chat/{id}/stream
 * replays it from its first token, then follows it live). If it ended in the meantime (204: no
 * answer arrives), read the conversation as stored instead.
 */
export function useResumeLiveAnswer(
  conversationId: string,
  active: boolean,
  resumeStream: () => Promise<void>,
  currentMessages: () => ChatUIMessage[],
  setMessages: (messages: ChatUIMessage[]) => void,
): void {
  const started = useRef(false);
  useEffect(() => {
    if (!active || started.current) return;
    started.current = true;
    void (async () => {
      await resumeStream();
      if (currentMessages().at(-1)?.role === 'assistant') return;
      const response = await fetch(`/api/conversations/${conversationId}`, { cache: 'no-store' });
      if (response.ok) setMessages(((await response.json()) as { messages: ChatUIMessage[] }).messages);
    })();
  }, [active, conversationId, resumeStream, currentMessages, setMessages]);
}
