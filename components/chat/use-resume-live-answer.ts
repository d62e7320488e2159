'use client';

import { useEffect, useRef } from 'react';
import type { ChatUIMessage } from '@/lib/chat/types';
import type { StoredPage } from './thread-page';

/**
 * Once, on mount: re-attach to the answer the server is still writing (GET /api/chat/{id}/stream
 * replays it from its first token, then follows it live). If it ended in the meantime (204: no
 * answer arrives), read the newest page as stored instead.
 */
export function useResumeLiveAnswer(
  conversationId: string,
  active: boolean,
  resumeStream: () => Promise<void>,
  currentMessages: () => ChatUIMessage[],
  applyPage: (page: StoredPage) => void,
): void {
  const started = useRef(false);
  useEffect(() => {
    if (!active || started.current) return;
    started.current = true;
    void (async () => {
      await resumeStream();
      if (currentMessages().at(-1)?.role === 'assistant') return;
      const response = await fetch(`/api/conversations/${conversationId}/messages`, { cache: 'no-store' });
      if (response.ok) applyPage((await response.json()) as StoredPage);
    })();
  }, [active, conversationId, resumeStream, currentMessages, applyPage]);
}
