'use client';

import { useLocale, useTranslations } from 'next-intl';
import type { ChatMessageMetadata } from '@/lib/chat/types';
import { costOf, formatUsd, formatUsdExact, perMTokFromPico } from '@/lib/usage/cost';

/**
 * Under an answer: "1,234 in · 567 out · $0.000301", and on expand (keyboard: Enter/Space on the
 * summary) the breakdown — prompt (cached), completion (reasoning), the prices it was made at and the
 * exact cost. Nothing when GLM reported no usage (a stopped or failed answer).
 */
export function UsageLine({ metadata }: { metadata: ChatMessageMetadata | undefined }) {
  const t = useTranslations('usage');
  const locale = useLocale();
  const n = (value: number) => value.toLocaleString(locale);
  const usage = metadata?.usage;
  if (!usage || (usage.inputTokens === undefined && usage.outputTokens === undefined)) return null;
  const price = metadata?.price;
  const cost = price ? costOf(usage, price) : undefined;
  const input = usage.inputTokens ?? 0;
  const output = usage.outputTokens ?? 0;
  return (
    <details data-testid="message-usage" className="mt-1 text-xs text-muted-foreground">
      <summary className="cursor-pointer select-none rounded px-0.5 hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring">
        <span data-testid="message-tokens">{t('line', { input: n(input), output: n(output) })}</span>
        {cost && (
          <>
            {' · '}
            <span data-testid="message-cost" title={t('exactly', { cost: formatUsdExact(cost.pico) })}>
              {formatUsd(cost.pico)}
            </span>
          </>
        )}
      </summary>
      <dl className="mt-1 grid max-w-sm grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 rounded-lg border bg-card px-3 py-2">
        <dt>{t('promptTokens')}</dt>
        <dd data-testid="usage-prompt">{n(input)}</dd>
        <dt>{t('cached')}</dt>
        <dd data-testid="usage-cached">{n(usage.cachedInputTokens ?? 0)}</dd>
        <dt>{t('completionTokens')}</dt>
        <dd data-testid="usage-completion">{n(output)}</dd>
        <dt>{t('reasoning')}</dt>
        <dd data-testid="usage-reasoning">{n(usage.reasoningTokens ?? 0)}</dd>
        {price && cost && (
          <>
            <dt>{t('prices')}</dt>
            <dd>
              {t('priceLine', {
                input: perMTokFromPico(price.inputPico),
                cached: perMTokFromPico(price.cachedInputPico),
                output: perMTokFromPico(price.outputPico),
              })}
            </dd>
            <dt>{t('cost')}</dt>
            <dd data-testid="usage-cost-exact">{formatUsdExact(cost.pico)}</dd>
          </>
        )}
      </dl>
    </details>
  );
}
