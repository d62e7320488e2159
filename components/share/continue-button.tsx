'use client';

import { MessageSquarePlus } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';

/** Set before a signed-out visitor goes to sign in, so coming back finishes what they asked for. */
const PENDING_KEY = 'glm-chat:continue-share';

/**
 * "Continue this conversation": asks the server for a private copy of this snapshot and opens it.
 * A signed-out visitor signs in first and comes back here; the copy is then made without another
 * click (the intent is kept in sessionStorage, which another site cannot set).
 */
export function ContinueButton({ token }: { token: string }) {
  const router = useRouter();
  const t = useTranslations('shared');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const started = useRef(false);

  const run = useCallback(async () => {
    setBusy(true);
    setError('');
    try {
      const response = await fetch(`/api/s/${encodeURIComponent(token)}/continue`, { method: 'POST' });
      if (response.status === 401) {
        sessionStorage.setItem(PENDING_KEY, token);
        window.location.assign(`/sign-in?next=${encodeURIComponent(`/s/${token}`)}`);
        return;
      }
      const body = (await response.json()) as { id?: string; error?: { message?: string } };
      if (!response.ok || !body.id) throw new Error(body.error?.message ?? t('copyFailed'));
      router.push(`/c/${body.id}`);
      router.refresh();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : t('copyFailed'));
      setBusy(false);
    }
  }, [token, router, t]);

  useEffect(() => {
    if (started.current || sessionStorage.getItem(PENDING_KEY) !== token) return;
    started.current = true;
    sessionStorage.removeItem(PENDING_KEY);
    void run();
  }, [token, run]);

  return (
    <>
      <button
        type="button"
        onClick={run}
        disabled={busy}
        className="inline-flex items-center gap-2 rounded-lg bg-primary px-4 py-2 text-sm font-medium text-primary-foreground hover:opacity-90 disabled:opacity-60"
      >
        <MessageSquarePlus className="size-4" aria-hidden />
        {busy ? t('copying') : t('continue')}
      </button>
      {error && (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      )}
    </>
  );
}
