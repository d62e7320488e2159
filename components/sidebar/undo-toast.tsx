'use client';

import { useTranslations } from 'next-intl';
import { useEffect } from 'react';
import { dismissNotice, type SidebarState } from './conversations-store';

/** How long a notice (and its Undo) stays. */
export const NOTICE_MS = 8000;

/** The sidebar's status line: "Conversation deleted." with Undo, for a few seconds. */
export function UndoToast({ notice }: { notice: SidebarState['notice'] }) {
  const t = useTranslations('sidebar');
  useEffect(() => {
    if (!notice) return;
    const timer = window.setTimeout(() => dismissNotice(notice.id), NOTICE_MS);
    return () => window.clearTimeout(timer);
  }, [notice]);
  return (
    <div role="status" aria-live="polite" className="px-2 empty:hidden">
      {notice && (
        <div className="flex items-center gap-2 rounded-lg border bg-background px-3 py-2 text-sm shadow-sm">
          <span className="flex-1">{notice.text ?? (notice.key ? t(`notices.${notice.key}`) : '')}</span>
          {notice.undo && (
            <button
              type="button"
              onClick={() => {
                const undo = notice.undo;
                dismissNotice(notice.id);
                undo?.();
              }}
              className="rounded-md px-2 py-0.5 font-medium underline-offset-2 hover:underline"
            >
              {t('undo')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
