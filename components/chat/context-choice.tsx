'use client';

import { Scissors, ScrollText } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';

const buttonClass =
  'flex items-center gap-2 rounded-lg border px-3 py-2 text-start text-sm hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring disabled:opacity-50';

/** The two ways to make room: used by the dialog (before sending) and after a context-length error. */
export function ContextChoiceButtons({
  busy,
  onChoose,
}: {
  busy: 'drop' | 'compact' | null;
  onChoose: (action: 'drop' | 'compact') => void;
}) {
  const t = useTranslations('context');
  return (
    <div className="flex flex-col gap-2 sm:flex-row">
      <button type="button" className={buttonClass} disabled={busy !== null} onClick={() => onChoose('drop')}>
        <Scissors className="size-4 shrink-0" aria-hidden />
        <span>{busy === 'drop' ? t('dropping') : t('drop')}</span>
      </button>
      <button
        type="button"
        className={buttonClass}
        disabled={busy !== null}
        onClick={() => onChoose('compact')}
      >
        <ScrollText className="size-4 shrink-0" aria-hidden />
        <span>{busy === 'compact' ? t('compacting') : t('compact')}</span>
      </button>
    </div>
  );
}

/** Before a send that would not fit the window: a modal dialog with the choice (Escape cancels). */
export function ContextDialog({
  open,
  busy,
  error,
  onChoose,
  onCancel,
}: {
  open: boolean;
  busy: 'drop' | 'compact' | null;
  error: string | null;
  onChoose: (action: 'drop' | 'compact') => void;
  onCancel: () => void;
}) {
  const t = useTranslations('context');
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      aria-labelledby="context-dialog-title"
      onCancel={(event) => {
        event.preventDefault();
        if (busy === null) onCancel();
      }}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-2xl border bg-popover p-5 text-popover-foreground shadow-xl backdrop:bg-black/40"
    >
      <h2 id="context-dialog-title" className="text-lg font-semibold">
        {t('dialogTitle')}
      </h2>
      <p className="mt-2 text-sm text-muted-foreground">{t('explain')}</p>
      <div className="mt-4">
        <ContextChoiceButtons busy={busy} onChoose={onChoose} />
      </div>
      {error && (
        <p role="alert" className="mt-3 text-sm text-destructive">
          {error}
        </p>
      )}
      <div className="mt-4 flex justify-end">
        <button
          type="button"
          onClick={onCancel}
          disabled={busy !== null}
          className="rounded-lg px-3 py-1.5 text-sm hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring"
        >
          {t('cancel')}
        </button>
      </div>
    </dialog>
  );
}

/** After GLM refused the request as too long: the same choice, under the failed answer. */
export function ContextErrorChoice({
  busy,
  error,
  onChoose,
}: {
  busy: 'drop' | 'compact' | null;
  error: string | null;
  onChoose: (action: 'drop' | 'compact') => void;
}) {
  const t = useTranslations('context');
  return (
    <section
      data-testid="context-error-choice"
      aria-label={t('errorRegion')}
      className="mx-auto mb-4 w-full max-w-3xl px-4"
    >
      <div className="rounded-xl border border-amber-500/50 bg-amber-500/10 p-3">
        <p className="mb-2 text-sm">
          {t('errorExplain')} {t('explain')}
        </p>
        <ContextChoiceButtons busy={busy} onChoose={onChoose} />
        {error && (
          <p role="alert" className="mt-2 text-sm text-destructive">
            {error}
          </p>
        )}
      </div>
    </section>
  );
}
