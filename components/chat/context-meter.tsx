'use client';

import { useLocale, useTranslations } from 'next-intl';
import { cn } from '@/components/ui/cn';

/**
 * Beside the composer: tokens in use out of the window ("12,345 / 131,072"), with the draft's estimate
 * included. The bar turns amber past 80 % and red when the next request would not fit (answer room
 * included). Details (exact vs estimated, the room kept for the answer) in its title.
 */
export function ContextMeter({
  used,
  draft,
  window,
  reserve,
  exact,
}: {
  used: number;
  draft: number;
  window: number;
  reserve: number;
  exact: boolean;
}) {
  const t = useTranslations('context');
  const locale = useLocale();
  const n = (value: number) => value.toLocaleString(locale);
  const total = used + draft;
  const ratio = Math.min(1, total / window);
  const over = total + reserve > window;
  const detail = t(exact ? 'meterDetailExact' : 'meterDetailEstimate', {
    used: n(used),
    draft: n(draft),
    reserve: n(reserve),
    window: n(window),
  });
  return (
    <div
      data-testid="context-meter"
      data-over={over ? 'true' : 'false'}
      className="flex min-w-0 items-center gap-1.5 text-xs text-muted-foreground"
      title={detail}
    >
      {/* biome-ignore lint/a11y/useSemanticElements: a themed bar; a native <meter> can't be styled alike in every browser */}
      <div
        role="meter"
        aria-label={t('meterLabel')}
        aria-valuemin={0}
        aria-valuemax={window}
        aria-valuenow={Math.min(total, window)}
        aria-valuetext={t('meterValue', { used: n(total), window: n(window) })}
        className="h-1.5 w-14 shrink-0 overflow-hidden rounded-full bg-muted sm:w-20"
      >
        <div
          className={cn(
            'h-full rounded-full motion-safe:transition-[width]',
            over ? 'bg-destructive' : ratio > 0.8 ? 'bg-amber-500' : 'bg-primary/70',
          )}
          style={{ width: `${(ratio * 100).toFixed(1)}%` }}
        />
      </div>
      <span data-testid="context-meter-text" className="hidden tabular-nums sm:inline">
        {exact ? '' : '≈'}
        {n(total)} / {n(window)}
      </span>
      <span aria-hidden className="tabular-nums sm:hidden">
        {Math.round((total / window) * 100)}%
      </span>
      <span className="sr-only">{detail}</span>
    </div>
  );
}
