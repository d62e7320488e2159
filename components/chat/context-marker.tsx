'use client';

import { useTranslations } from 'next-intl';
import type { ContextSummary } from '@/lib/chat/context-types';
import { Markdown } from './lazy-markdown';

/** Where the model's context starts: everything above is not sent to GLM (dropped or summarised). */
export function ContextMarker({ summary }: { summary?: ContextSummary }) {
  const t = useTranslations('context');
  return (
    <div className="flex flex-col gap-3">
      <p data-testid="context-marker" className="flex items-center gap-3 text-xs text-muted-foreground">
        <span aria-hidden className="h-px flex-1 bg-border" />
        <span>{t('marker')}</span>
        <span aria-hidden className="h-px flex-1 bg-border" />
      </p>
      {summary && (
        <details data-testid="context-summary" className="rounded-xl border bg-muted/40 px-4 py-2 text-sm">
          <summary className="cursor-pointer select-none font-medium focus-visible:outline-2 focus-visible:outline-ring">
            {t('summary')}{' '}
            <span className="font-normal text-muted-foreground">
              {t('replaces', { count: summary.replacedMessages })}
            </span>
          </summary>
          <div dir="auto" data-testid="context-summary-text" className="mt-2">
            <Markdown text={summary.text} streaming={false} />
          </div>
        </details>
      )}
    </div>
  );
}
