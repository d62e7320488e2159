'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useState } from 'react';
import type { ConversationContext } from '@/lib/chat/context-types';

/** Reads `{ error: { message } }` from our API's error answers. */
async function errorMessage(response: Response, fallback: string): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // not JSON
  }
  return fallback;
}

/**
 * The conversation's context start (drop / compact) as the browser knows it, and the call that
 * changes it. `busy` says which action runs; `error` what went wrong, in words.
 */
export function useContextWindow(conversationId: string, initial: ConversationContext | null) {
  const t = useTranslations('context');
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
          setError(await errorMessage(response, t('failedStatus', { status: response.status })));
          return false;
        }
        const body = (await response.json()) as { context: ConversationContext | null; fits: boolean };
        setContext(body.context);
        return true;
      } catch {
        setError(t('offline'));
        return false;
      } finally {
        setBusy(null);
      }
    },
    [conversationId, t],
  );

  return { context, busy, error, setError, makeRoom };
}
