'use client';

import { useCallback, useState } from 'react';
import type { ConversationContext } from '@/lib/chat/context-types';

/** Reads `{ error: { message } }` from our API's error answers. */
async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // not JSON
  }
  return `Could not make room (HTTP ${response.status}).`;
}

/**
 * The conversation's context start (drop / compact) as the browser knows it, and the call that
 * changes it. `busy` says which action runs; `error` what went wrong, in words.
 */
export function useContextWindow(conversationId: string, initial: ConversationContext | null) {
  const [context, setContext] = useState(initial);
  const [busy, setBusy] = useState<'drop' | 'compact' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const makeRoom = useCallback(
    async (action: 'drop' | 'compact', draftTokens: number): Promise<boolean> => {
      setBusy(action);
      setError(null);
      try {
        const response = await fetch(`/api/conversations/${conversationId}/context`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ action, draftTokens }),
        });
        if (!response.ok) {
          setError(await errorMessage(response));
          return false;
        }
        const body = (await response.json()) as { context: ConversationContext | null; fits: boolean };
        setContext(body.context);
        return true;
      } catch {
        setError('Could not reach the server. Try again.');
        return false;
      } finally {
        setBusy(null);
      }
    },
    [conversationId],
  );

  return { context, busy, error, setError, makeRoom };
}
