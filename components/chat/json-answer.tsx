'use client';

import { CheckCircle2, XCircle } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { JsonCheck } from '@/lib/chat/types';
import { unfence } from '@/lib/chat/unfence';
import { Markdown } from './lazy-markdown';

/** The answer's JSON pretty-printed (as it came when it does not parse). */
function formatted(text: string): string {
  try {
    return JSON.stringify(JSON.parse(unfence(text)), null, 2);
  } catch {
    return text;
  }
}

/** A code fence longer than any run of backticks in the text, so the text cannot close it. */
function fenceFor(text: string): string {
  const longest = Math.max(2, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  return '`'.repeat(longest + 1);
}

function Badge({ ok, children }: { ok: boolean; children: string }) {
  const Icon = ok ? CheckCircle2 : XCircle;
  return (
    <span
      data-ok={ok}
      className={
        ok
          ? 'inline-flex items-center gap-1 rounded-full border border-emerald-600/40 bg-emerald-600/10 px-2 py-0.5 text-xs'
          : 'inline-flex items-center gap-1 rounded-full border border-destructive/40 bg-destructive/10 px-2 py-0.5 text-xs'
      }
    >
      <Icon className="size-3.5" aria-hidden />
      {children}
    </span>
  );
}

/** An answer written under a JSON response format: formatted JSON, and whether it is valid. */
export function JsonAnswer({ text, check }: { text: string; check: JsonCheck }) {
  const t = useTranslations('message');
  const pretty = formatted(text);
  const fence = fenceFor(pretty);
  return (
    <div>
      <p data-testid="json-badge" className="mb-1 flex flex-wrap items-center gap-1.5">
        <Badge ok={check.valid}>{check.valid ? t('validJson') : t('invalidJson')}</Badge>
        {check.format === 'json_schema' && (
          <Badge ok={check.schemaValid === true}>
            {check.schemaValid ? t('matchesSchema') : t('notMatchSchema')}
          </Badge>
        )}
      </p>
      {check.error && <p className="mb-1 text-xs text-muted-foreground">{check.error}</p>}
      <Markdown text={`${fence}json\n${pretty}\n${fence}`} streaming={false} />
    </div>
  );
}
