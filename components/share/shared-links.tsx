'use client';

import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { CopyButton } from '@/components/chat/copy-button';
import { formatWhen, type ShareJson, shareApi } from './share-api';

function stateOf(share: ShareJson, now: number): 'Revoked' | 'Expired' | 'Active' {
  if (share.revokedAt !== null) return 'Revoked';
  if (share.expiresAt !== null && share.expiresAt <= now) return 'Expired';
  return 'Active';
}

const STATE_LABEL = { Revoked: 'revoked', Expired: 'expired', Active: 'active' } as const;

/** The Shared links table: one row per link, newest first. (Dates are in the reader's time zone, so
 * the server's rendering of them may differ: hence suppressHydrationWarning on them.) */
export function SharedLinks({ initialShares, now }: { initialShares: ShareJson[]; now: number }) {
  const [shares, setShares] = useState(initialShares);
  const [error, setError] = useState('');
  const t = useTranslations('shares');
  const locale = useLocale();
  const when = (ms: number | null) => formatWhen(ms, locale, t('never'));

  const revoke = async (share: ShareJson) => {
    setError('');
    try {
      await shareApi.revoke(share.id);
      setShares((list) => list.map((s) => (s.id === share.id ? { ...s, revokedAt: Date.now() } : s)));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : t('revokeFailed'));
    }
  };

  if (shares.length === 0) return <p className="rounded-xl border p-4 text-sm">{t('empty')}</p>;

  return (
    <>
      {error && (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      )}
      <ul className="space-y-2" aria-label={t('list')}>
        {shares.map((share) => {
          const state = stateOf(share, now);
          return (
            <li key={share.id} data-testid="shared-link" data-state={state} className="rounded-xl border p-3">
              <div className="flex flex-wrap items-center gap-2">
                <Link
                  href={`/c/${share.conversationId}`}
                  dir="auto"
                  className="min-w-0 flex-1 truncate font-medium hover:underline"
                >
                  {share.title || t('untitled')}
                </Link>
                <span className="rounded-full border px-2 py-0.5 text-xs">{t(STATE_LABEL[state])}</span>
              </div>
              {state !== 'Revoked' && (
                <div className="mt-2 flex items-center gap-1">
                  <input
                    readOnly
                    aria-label={t('linkTo', { title: share.title || t('conversation') })}
                    value={share.url}
                    className="min-w-0 flex-1 rounded-md border bg-muted/40 px-2 py-1 font-mono text-xs"
                  />
                  <CopyButton text={share.url} label={t('copyLink')} />
                </div>
              )}
              <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-xs text-muted-foreground sm:grid-cols-4">
                <div>
                  <dt className="inline">{t('created')} </dt>
                  <dd className="inline" suppressHydrationWarning>
                    {when(share.createdAt)}
                  </dd>
                </div>
                <div>
                  <dt className="inline">{t('updated')} </dt>
                  <dd className="inline" suppressHydrationWarning>
                    {when(share.updatedAt)}
                  </dd>
                </div>
                <div>
                  <dt className="inline">{t('expires')} </dt>
                  <dd className="inline" suppressHydrationWarning>
                    {when(share.expiresAt)}
                  </dd>
                </div>
                <div>
                  <dt className="inline">{t('views')} </dt>
                  <dd className="inline" data-testid="share-views">
                    {share.viewCount}
                  </dd>
                </div>
              </dl>
              {state !== 'Revoked' && (
                <div className="mt-2 flex justify-end">
                  <button
                    type="button"
                    onClick={() => revoke(share)}
                    className="rounded-lg border px-3 py-1 text-sm hover:bg-accent"
                  >
                    {t('revoke')}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
