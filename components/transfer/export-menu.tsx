'use client';

import { Download } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';

const itemClass =
  'block rounded-md px-3 py-1.5 text-sm hover:bg-accent focus-visible:bg-accent focus-visible:outline-none';

/**
 * "Export" in the conversation header: downloads this conversation as Markdown (readable, the branch
 * shown) or JSON (every branch; can be imported again on the account page).
 */
export function ExportMenu({ conversationId }: { conversationId: string }) {
  const t = useTranslations('transfer');
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent && event.key !== 'Escape') return;
      if (event instanceof MouseEvent && root.current?.contains(event.target as Node)) return;
      setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);
  const base = `/api/conversations/${encodeURIComponent(conversationId)}/export`;
  return (
    <div ref={root} className="relative">
      <button
        type="button"
        aria-label={t('export')}
        title={t('export')}
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((value) => !value)}
        className="inline-flex items-center gap-1.5 rounded-lg px-2.5 py-1.5 text-sm text-muted-foreground hover:bg-accent hover:text-foreground"
      >
        <Download className="size-4" aria-hidden />
        <span className="hidden sm:inline">{t('export')}</span>
      </button>
      {open && (
        <div
          id={menuId}
          className="absolute end-0 top-full z-20 mt-1 w-52 rounded-lg border bg-background p-1 shadow-lg"
        >
          <a href={`${base}?format=markdown`} download className={itemClass} onClick={() => setOpen(false)}>
            {t('exportMarkdown')}
          </a>
          <a href={`${base}?format=json`} download className={itemClass} onClick={() => setOpen(false)}>
            {t('exportJson')}
          </a>
        </div>
      )}
    </div>
  );
}
