'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { cn } from '@/components/ui/cn';
import { formatUsd, formatUsdExact } from '@/lib/usage/cost';

interface DayRow {
  day: string;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  messages: number;
  costPico: string;
  userId?: string;
  name?: string;
  email?: string;
}

/** Minutes east of UTC for this browser (what `getTimezoneOffset` calls west, negated). */
function offsetMinutes(): number {
  return -new Date().getTimezoneOffset();
}

function useUsage(days: number, scope: 'me' | 'all') {
  const [rows, setRows] = useState<DayRow[] | null>(null);
  const [error, setError] = useState(false);
  useEffect(() => {
    let live = true;
    setError(false);
    fetch(`/api/usage?days=${days}&scope=${scope}&offset=${offsetMinutes()}`)
      .then(async (r) => {
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        return (await r.json()) as { rows: DayRow[] };
      })
      .then((body) => {
        if (live) setRows(body.rows);
      })
      .catch(() => {
        if (live) setError(true);
      });
    return () => {
      live = false;
    };
  }, [days, scope]);
  return { rows, error };
}

/** Cost per day as bars (the table below holds the same figures for screen readers). */
function CostChart({ rows, days }: { rows: DayRow[]; days: number }) {
  const byDay = new Map<string, bigint>();
  for (const row of rows) byDay.set(row.day, (byDay.get(row.day) ?? 0n) + BigInt(row.costPico));
  const today = new Date(Date.now() + offsetMinutes() * 60_000);
  const series: { day: string; pico: bigint }[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const day = new Date(today.getTime() - i * 86_400_000).toISOString().slice(0, 10);
    series.push({ day, pico: byDay.get(day) ?? 0n });
  }
  // BigInt: Math.max does not take it.
  let max = 0n;
  for (const s of series) if (s.pico > max) max = s.pico;
  return (
    <div
      aria-hidden="true"
      data-testid="usage-chart"
      className="flex h-32 items-end gap-px rounded-lg border bg-card p-2"
    >
      {series.map((s) => {
        const pct = max === 0n ? 0 : Number((s.pico * 1000n) / max) / 10;
        return (
          <div
            key={s.day}
            title={`${s.day}: ${formatUsd(s.pico)}`}
            className="flex h-full min-w-0 flex-1 items-end"
          >
            <div
              className={cn('w-full rounded-t-sm', s.pico > 0n ? 'bg-primary/70' : 'bg-transparent')}
              style={{ height: `${Math.max(pct, s.pico > 0n ? 2 : 0)}%` }}
            />
          </div>
        );
      })}
    </div>
  );
}

function UsageTable({ rows, withUser, label }: { rows: DayRow[]; withUser: boolean; label: string }) {
  const t = useTranslations('usage');
  const locale = useLocale();
  const n = (value: number) => value.toLocaleString(locale);
  const totals = rows.reduce(
    (t, r) => ({
      input: t.input + r.inputTokens,
      output: t.output + r.outputTokens,
      messages: t.messages + r.messages,
      pico: t.pico + BigInt(r.costPico),
    }),
    { input: 0, output: 0, messages: 0, pico: 0n },
  );
  const cell = 'px-2 py-1.5 text-end tabular-nums';
  return (
    <div className="overflow-x-auto rounded-lg border">
      <table aria-label={label} className="w-full min-w-[32rem] text-sm">
        <thead className="bg-muted/50 text-xs text-muted-foreground">
          <tr>
            <th scope="col" className="px-2 py-1.5 text-start">
              {t('day')}
            </th>
            {withUser && (
              <th scope="col" className="px-2 py-1.5 text-start">
                {t('user')}
              </th>
            )}
            <th scope="col" className={cell}>
              {t('cost')}
            </th>
            <th scope="col" className={cell}>
              {t('messages')}
            </th>
            <th scope="col" className={cell}>
              {t('promptTokens')}
            </th>
            <th scope="col" className={cell}>
              {t('completionTokens')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.day}-${r.userId ?? ''}`} data-day={r.day} className="border-t">
              <th scope="row" className="px-2 py-1.5 text-start font-normal tabular-nums">
                {r.day}
              </th>
              {withUser && (
                <td className="px-2 py-1.5" data-testid="usage-user">
                  {r.name} <span className="text-muted-foreground">{r.email}</span>
                </td>
              )}
              <td
                className={cell}
                data-testid="usage-cost"
                title={t('exactly', { cost: formatUsdExact(BigInt(r.costPico)) })}
              >
                {formatUsd(BigInt(r.costPico))}
              </td>
              <td className={cell} data-testid="usage-messages">
                {n(r.messages)}
              </td>
              <td className={cell} data-testid="usage-input">
                {n(r.inputTokens)}
                {r.cachedInputTokens > 0 && (
                  <span className="text-muted-foreground">
                    {' '}
                    {t('cachedNote', { count: n(r.cachedInputTokens) })}
                  </span>
                )}
              </td>
              <td className={cell} data-testid="usage-output">
                {n(r.outputTokens)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t font-medium">
          <tr>
            <th scope="row" className="px-2 py-1.5 text-start">
              {t('total')}
            </th>
            {withUser && <td />}
            <td className={cell} data-testid="usage-total-cost">
              {formatUsd(totals.pico)}
            </td>
            <td className={cell}>{n(totals.messages)}</td>
            <td className={cell}>{n(totals.input)}</td>
            <td className={cell}>{n(totals.output)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function Section({ days, scope, title }: { days: number; scope: 'me' | 'all'; title: string }) {
  const t = useTranslations('usage');
  const { rows, error } = useUsage(days, scope);
  return (
    <section aria-labelledby={`usage-${scope}`} className="space-y-3">
      <h2 id={`usage-${scope}`} className="text-lg font-semibold">
        {title}
      </h2>
      {error && (
        <p role="alert" className="text-sm text-destructive">
          {t('loadFailed')}
        </p>
      )}
      {rows === null && !error && <p className="text-sm text-muted-foreground">{t('loading')}</p>}
      {rows && rows.length === 0 && <p className="text-sm text-muted-foreground">{t('none', { days })}</p>}
      {rows && rows.length > 0 && (
        <>
          <CostChart rows={rows} days={days} />
          <UsageTable rows={rows} withUser={scope === 'all'} label={title} />
        </>
      )}
    </section>
  );
}

/** The usage page's body: a 30/90-day switch, the viewer's days, and (admins) every user's. */
export function UsageReport({ isAdmin }: { isAdmin: boolean }) {
  const t = useTranslations('usage');
  const [days, setDays] = useState(30);
  return (
    <div className="space-y-6">
      <fieldset className="flex items-center gap-2 text-sm">
        <legend className="sr-only">{t('period')}</legend>
        {[30, 90].map((d) => (
          <button
            key={d}
            type="button"
            aria-pressed={days === d}
            onClick={() => setDays(d)}
            className={cn(
              'rounded-full border px-3 py-1 focus-visible:outline-2 focus-visible:outline-ring',
              days === d ? 'border-primary/50 bg-primary/10' : 'text-muted-foreground hover:bg-accent',
            )}
          >
            {t('lastDays', { days: d })}
          </button>
        ))}
      </fieldset>
      <Section days={days} scope="me" title={t('yours')} />
      {isAdmin && <Section days={days} scope="all" title={t('allUsers')} />}
    </div>
  );
}
