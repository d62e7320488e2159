'use client';

import type { ContextSummary } from '@/lib/chat/context-types';
import { Markdown } from './markdown';

/** Where the model's context starts: everything above is not sent to GLM (dropped or summarised). */
export function ContextMarker({ summary }: { summary?: ContextSummary }) {
  return (
    <div className="flex flex-col gap-3">
      <p data-testid="context-marker" className="flex items-center gap-3 text-xs text-muted-foreground">
        <span aria-hidden className="h-px flex-1 bg-border" />
        <span>Earlier messages are not sent to GLM</span>
        <span aria-hidden className="h-px flex-1 bg-border" />
      </p>
      {summary && (
        <details data-testid="context-summary" className="rounded-xl border bg-muted/40 px-4 py-2 text-sm">
          <summary className="cursor-pointer select-none font-medium focus-visible:outline-2 focus-visible:outline-ring">
            Summary of earlier conversation{' '}
            <span className="font-normal text-muted-foreground">
              (replaces {summary.replacedMessages} {summary.replacedMessages === 1 ? 'message' : 'messages'})
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
