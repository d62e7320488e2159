'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { cn } from '@/components/ui/cn';
import type { SearchFilters, SearchHit } from '@/db/queries/search';
import { searchConversations } from './api';
import { HighlightedSnippet } from './highlighted-snippet';
import { markOpenedHit } from './jump-to-message';

const DEBOUNCE_MS = 200;
/** The error when the server said nothing readable (shown translated). */
const SEARCH_FAILED = 'search-failed';

interface Results {
  query: string;
  hits: SearchHit[];
  nextCursor: number | null;
}

function hitHref(hit: SearchHit): string {
  const base = `/c/${encodeURIComponent(hit.conversationId)}`;
  return hit.messageId ? `${base}?m=${encodeURIComponent(hit.messageId)}` : base;
}

/**
 * Full-text search results for the sidebar's search box: debounced, newest first, matches marked,
 * each opening the conversation at the message (on its branch). Filters narrow to pinned,
 * archived or shared conversations; "More results" reads the next page.
 */
export function SearchResults({ query, onNavigate }: { query: string; onNavigate: () => void }) {
  const t = useTranslations('sidebar');
  const [filters, setFilters] = useState<SearchFilters>({});
  const [results, setResults] = useState<Results | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const q = query.trim();

  useEffect(() => {
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      setLoading(true);
      searchConversations(q, filters, null, controller.signal)
        .then((page) => {
          setResults({ query: q, hits: page.hits, nextCursor: page.nextCursor });
          setError(null);
        })
        .catch((e: unknown) => {
          if (!controller.signal.aborted)
            setError(e instanceof Error && e.message ? e.message : SEARCH_FAILED);
        })
        .finally(() => {
          if (!controller.signal.aborted) setLoading(false);
        });
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [q, filters]);

  const more = () => {
    if (!results?.nextCursor) return;
    setLoading(true);
    searchConversations(q, filters, results.nextCursor, new AbortController().signal)
      .then((page) =>
        setResults((r) => (r ? { ...r, hits: [...r.hits, ...page.hits], nextCursor: page.nextCursor } : r)),
      )
      .catch((e: unknown) => setError(e instanceof Error && e.message ? e.message : SEARCH_FAILED))
      .finally(() => setLoading(false));
  };

  const toggle = (key: keyof SearchFilters, label: string) => (
    <button
      type="button"
      aria-pressed={Boolean(filters[key])}
      onClick={() => setFilters((f) => ({ ...f, [key]: !f[key] }))}
      className={cn(
        'rounded-full border px-2.5 py-0.5 text-xs hover:bg-accent',
        filters[key] && 'border-foreground/40 bg-accent font-medium',
      )}
    >
      {label}
    </button>
  );

  const stale = results?.query !== q;
  return (
    <section aria-label={t('search.results')} className="flex min-h-0 flex-1 flex-col">
      <fieldset className="flex flex-wrap gap-1.5 px-3 pb-2">
        <legend className="sr-only">{t('search.filters')}</legend>
        {toggle('pinned', t('search.pinned'))}
        {toggle('archived', t('search.archived'))}
        {toggle('shared', t('search.shared'))}
      </fieldset>
      <div className="min-h-0 flex-1 overflow-y-auto px-2 pb-3" aria-busy={loading}>
        {results && results.hits.length === 0 && !stale && !loading && (
          <p role="status" className="px-3 py-2 text-sm text-muted-foreground">
            {t('search.noMatch', { query: results.query })}
          </p>
        )}
        {error && (
          <p role="alert" className="px-3 py-2 text-sm text-destructive">
            {error === SEARCH_FAILED ? t('search.failed') : error}
          </p>
        )}
        {results && results.hits.length > 0 && (
          <ul aria-label={t('search.results')} className={cn('space-y-0.5', stale && 'opacity-60')}>
            {results.hits.map((hit) => (
              <li key={`${hit.conversationId}:${hit.messageId ?? 'title'}`}>
                <Link
                  href={hitHref(hit)}
                  onClick={() => {
                    if (hit.messageId) markOpenedHit(hit.messageId);
                    onNavigate();
                  }}
                  data-testid="search-hit"
                  className="block rounded-lg px-3 py-2 text-sm hover:bg-accent"
                >
                  <span className="block truncate font-medium" dir="auto">
                    {hit.messageId === null ? (
                      <HighlightedSnippet text={hit.snippet} />
                    ) : (
                      hit.title || t('untitled')
                    )}
                  </span>
                  {hit.messageId !== null && (
                    <span className="line-clamp-2 text-xs text-muted-foreground" dir="auto">
                      <HighlightedSnippet text={hit.snippet} />
                    </span>
                  )}
                </Link>
              </li>
            ))}
          </ul>
        )}
        {results?.nextCursor && !stale && (
          <button
            type="button"
            onClick={more}
            disabled={loading}
            className="mx-3 mt-2 rounded-lg border px-3 py-1 text-xs hover:bg-accent"
          >
            {t('search.more')}
          </button>
        )}
      </div>
    </section>
  );
}
