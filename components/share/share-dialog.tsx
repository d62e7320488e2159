'use client';

import { Share2 } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useRef, useState } from 'react';
import { CopyButton } from '@/components/chat/copy-button';
import { Dialog, DialogHeader } from '@/components/ui/dialog';
import type { ShareOptions } from '@/db/schema';
import { DEFAULT_SHARE_OPTIONS } from '@/lib/share/defaults';
import { formatWhen, type ShareJson, shareApi } from './share-api';
import { ShareOptionsFields } from './share-options';

const button =
  'rounded-lg border px-3 py-1.5 text-sm font-medium hover:bg-accent disabled:opacity-50 disabled:pointer-events-none';
const primary =
  'rounded-lg bg-primary px-3 py-1.5 text-sm font-medium text-primary-foreground hover:opacity-90 disabled:opacity-50';

/**
 * The "Share" button and its dialog: create a read-only link to the conversation as it is now,
 * move it to the conversation's current end ("Update link"), or revoke it.
 */
export function ShareButton({ conversationId }: { conversationId: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const t = useTranslations('share');
  const locale = useLocale();
  const [share, setShare] = useState<ShareJson | null>(null);
  const [options, setOptions] = useState<ShareOptions>(DEFAULT_SHARE_OPTIONS);
  const [loaded, setLoaded] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');

  const act = useCallback(
    async (work: () => Promise<void>) => {
      setBusy(true);
      setError('');
      setNotice('');
      try {
        await work();
      } catch (failure) {
        setError(failure instanceof Error ? failure.message : t('genericError'));
      } finally {
        setBusy(false);
      }
    },
    [t],
  );

  const show = (next: ShareJson | null) => {
    setShare(next);
    setOptions(next ? next.options : DEFAULT_SHARE_OPTIONS);
  };

  const open = () => {
    dialog.current?.showModal();
    setLoaded(false);
    void act(async () => {
      show((await shareApi.current(conversationId)).share);
      setLoaded(true);
    });
  };

  return (
    <>
      <button
        type="button"
        aria-label={t('share')}
        title={t('share')}
        onClick={open}
        className="inline-flex items-center gap-1.5 rounded-lg px-2.5 py-1.5 text-sm text-muted-foreground hover:bg-accent hover:text-foreground"
      >
        <Share2 className="size-4" aria-hidden />
        <span className="hidden sm:inline">{t('share')}</span>
      </button>
      <Dialog ref={dialog} titleId="share-dialog-title" className="w-[min(28rem,calc(100vw-2rem))]">
        <DialogHeader titleId="share-dialog-title" title={t('title')} closeLabel={t('close')} />
        <div className="space-y-4 px-4 py-4">
          <p className="text-sm text-muted-foreground">{t('explain')}</p>
          {share && (
            <div className="space-y-1">
              <div className="flex gap-1">
                <input
                  readOnly
                  aria-label={t('link')}
                  value={share.url}
                  onFocus={(e) => e.target.select()}
                  className="min-w-0 flex-1 rounded-md border bg-muted/40 px-2 py-1.5 font-mono text-xs"
                />
                <CopyButton text={share.url} label={t('copyLink')} />
              </div>
              <p className="text-xs text-muted-foreground" data-testid="share-status">
                {share.upToDate ? t('upToDate') : t('behind')}{' '}
                {t('expiresViews', {
                  expires: formatWhen(share.expiresAt, locale, t('never')),
                  views: share.viewCount,
                })}
              </p>
            </div>
          )}
          <ShareOptionsFields value={options} onChange={setOptions} disabled={busy || !loaded} />
          {error && (
            <p role="alert" className="text-sm text-destructive">
              {error}
            </p>
          )}
          <p aria-live="polite" className="text-sm text-muted-foreground">
            {notice}
          </p>
          <div className="flex flex-wrap justify-end gap-2">
            {share ? (
              <>
                <button
                  type="button"
                  className={button}
                  disabled={busy}
                  onClick={() =>
                    act(async () => {
                      await shareApi.revoke(share.id);
                      show(null);
                      setNotice(t('revoked'));
                    })
                  }
                >
                  {t('revoke')}
                </button>
                <button
                  type="button"
                  className={primary}
                  disabled={busy}
                  onClick={() =>
                    act(async () => {
                      show((await shareApi.update(share.id, options)).share);
                      setNotice(t('updated'));
                    })
                  }
                >
                  {t('update')}
                </button>
              </>
            ) : (
              <button
                type="button"
                className={primary}
                disabled={busy || !loaded}
                onClick={() =>
                  act(async () => {
                    show((await shareApi.create(conversationId, options)).share);
                    setNotice(t('created'));
                  })
                }
              >
                {t('create')}
              </button>
            )}
          </div>
        </div>
      </Dialog>
    </>
  );
}
