'use client';

import { ChevronLeft, ChevronRight } from 'lucide-react';
import { useTranslations } from 'next-intl';

const buttonClass =
  'rounded-md p-1 text-muted-foreground hover:bg-accent hover:text-foreground disabled:opacity-40 disabled:hover:bg-transparent';

/**
 * ‹ n / m ›: moves between the versions of a message (edits of a question, regenerated or parallel
 * answers — any siblings). Disabled while an answer is being written.
 */
export function VersionSwitcher({
  index,
  count,
  previousId,
  nextId,
  onSelect,
}: {
  /** 0-based position of the version shown. */
  index: number;
  count: number;
  previousId?: string;
  nextId?: string;
  /** Absent while switching is not possible (an answer streams). */
  onSelect?: (messageId: string) => void;
}) {
  const t = useTranslations('message');
  return (
    <div className="flex items-center gap-0.5 text-xs text-muted-foreground" data-testid="version-switcher">
      <button
        type="button"
        aria-label={t('previousVersion')}
        title={t('previousVersion')}
        disabled={!onSelect || !previousId}
        onClick={() => previousId && onSelect?.(previousId)}
        className={buttonClass}
      >
        <ChevronLeft className="size-4 rtl:rotate-180" aria-hidden />
      </button>
      <span data-testid="version-position" className="min-w-8 text-center tabular-nums">
        {index + 1} / {count}
      </span>
      <button
        type="button"
        aria-label={t('nextVersion')}
        title={t('nextVersion')}
        disabled={!onSelect || !nextId}
        onClick={() => nextId && onSelect?.(nextId)}
        className={buttonClass}
      >
        <ChevronRight className="size-4 rtl:rotate-180" aria-hidden />
      </button>
    </div>
  );
}
