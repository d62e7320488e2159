'use client';

import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { formatUsd, formatUsdExact } from '@/lib/usage/cost';

interface Totals {
  inputTokens: number;
  outputTokens: number;
  messages: number;
  costPico: string;
}

/**
 * The conversation's totals for its header: every answer on every branch and its summaries, at the
 * prices each was made at. Fetched again whenever `version` changes (an answer or summary finished).
 */
export function ConversationCost({ conversationId, version }: { conversationId: string; version: string }) {
  const t = useTranslations('usage');
  const locale = useLocale();
  const [totals, setTotals] = useState<Totals | null>(null);
  useEffect(() => {
    if (version === '') return;
    let live = true;
    fetch(`/api/conversations/${conversationId}/usage`)
      .then((r) => (r.ok ? (r.json() as Promise<Totals>) : null))
      .then((t) => {
        if (live && t) setTotals(t);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [conversationId, version]);
  if (!totals || totals.messages === 0) return null;
  const pico = BigInt(totals.costPico);
  return (
    <Link
      href="/usage"
      data-testid="conversation-cost"
      title={t('headerTitle', {
        calls: totals.messages,
        input: totals.inputTokens.toLocaleString(locale),
        output: totals.outputTokens.toLocaleString(locale),
        cost: formatUsdExact(pico),
      })}
      className="rounded-md px-2 py-1 text-xs text-muted-foreground hover:bg-accent hover:text-foreground"
    >
      {t('headerTokens', { tokens: (totals.inputTokens + totals.outputTokens).toLocaleString(locale) })} ·{' '}
      <span data-testid="conversation-cost-value">{formatUsd(pico)}</span>
    </Link>
  );
}
