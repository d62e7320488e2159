'use client';

import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import type { TokenLogprob } from '@/lib/glm/choices';

const percent = (logprob: number) => {
  const p = Math.exp(logprob) * 100;
  return p >= 99.95 ? '100%' : p < 0.01 ? '<0.01%' : `${p.toFixed(p < 1 ? 2 : 1)}%`;
};

/** How a token's text shows in the tooltip: whitespace made visible. */
const shown = (token: string) => JSON.stringify(token);

/** Background strength by probability: unlikely tokens stand out. */
function shade(logprob: number): string {
  const p = Math.exp(logprob);
  if (p > 0.9) return 'bg-transparent';
  if (p > 0.5) return 'bg-amber-500/10';
  if (p > 0.2) return 'bg-amber-500/25';
  return 'bg-red-500/25';
}

/**
 * The answer as its tokens: hovering or focusing one (Tab moves through them) shows its probability
 * and the most likely alternatives.
 */
export function TokenView({ tokens, truncated }: { tokens: TokenLogprob[]; truncated?: boolean }) {
  const t = useTranslations('message');
  const [active, setActive] = useState<number | null>(null);
  const base = useId();
  return (
    <div>
      <p
        data-testid="token-view"
        dir="auto"
        className="whitespace-pre-wrap break-words text-[15px] leading-7"
      >
        {tokens.map((token, i) => {
          const tipId = `${base}-tip-${i}`;
          const open = active === i;
          return (
            <button
              type="button"
              // biome-ignore lint/suspicious/noArrayIndexKey: tokens are a fixed sequence
              key={i}
              data-testid="token"
              aria-describedby={open ? tipId : undefined}
              onMouseEnter={() => setActive(i)}
              onMouseLeave={() => setActive((a) => (a === i ? null : a))}
              onFocus={() => setActive(i)}
              onBlur={() => setActive((a) => (a === i ? null : a))}
              onClick={() => setActive((a) => (a === i ? null : i))}
              onKeyDown={(e) => {
                if (e.key === 'Escape') setActive(null);
              }}
              className={`relative inline whitespace-pre-wrap rounded-sm text-start outline-none focus-visible:ring-2 focus-visible:ring-ring ${shade(token.lp)}`}
            >
              {token.t}
              {open && (
                <span
                  id={tipId}
                  role="tooltip"
                  className="absolute start-0 top-full z-20 mt-1 block w-max max-w-[16rem] rounded-md border bg-popover px-2 py-1.5 text-xs whitespace-normal text-popover-foreground shadow-md"
                >
                  <span className="block font-medium">
                    {shown(token.t)}: {percent(token.lp)}
                  </span>
                  {token.top && token.top.length > 0 && (
                    <span className="mt-1 block">
                      {token.top.map((alt, j) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: alternatives are a fixed list
                        <span key={j} className="flex justify-between gap-3 font-mono">
                          <span className="truncate">{shown(alt.t)}</span>
                          <span>{percent(alt.lp)}</span>
                        </span>
                      ))}
                    </span>
                  )}
                </span>
              )}
            </button>
          );
        })}
      </p>
      {truncated && <p className="text-xs text-muted-foreground">{t('tokensTruncated')}</p>}
    </div>
  );
}
