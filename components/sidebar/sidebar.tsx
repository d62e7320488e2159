'use client';

import { Archive, ArrowLeft, MessageSquarePlus, PanelLeftClose, Search, X } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type ReactNode, useState } from 'react';
import { cn } from '@/components/ui/cn';
import type { ConversationSummary } from '@/db/queries/conversations';
import { ConversationList } from './conversation-list';
import { useSidebarState, type View } from './conversations-store';
import { SearchResults } from './search-results';
import { UndoToast } from './undo-toast';

export function Sidebar({
  initialConversations,
  initialCursor = null,
  open,
  onClose,
  footer,
}: {
  initialConversations: ConversationSummary[];
  /** Where the next page starts (null: the first page is all there is). */
  initialCursor?: string | null;
  open: boolean;
  onClose: () => void;
  footer?: ReactNode;
}) {
  const state = useSidebarState(initialConversations, initialCursor);
  const router = useRouter();
  const t = useTranslations('sidebar');
  const [view, setView] = useState<View>('active');
  const [query, setQuery] = useState('');
  const searching = query.trim().length > 0;

  return (
    <nav
      aria-label={t('conversations')}
      className={cn(
        'fixed inset-y-0 start-0 z-40 flex w-72 max-w-[85vw] flex-col border-e bg-sidebar transition-transform motion-reduce:transition-none md:static md:z-auto md:translate-x-0 md:rtl:translate-x-0',
        open ? 'translate-x-0' : '-translate-x-full rtl:translate-x-full',
      )}
    >
      <div className="flex items-center gap-2 p-3 pb-2">
        <Link
          href="/"
          onClick={(event) => {
            // Always a fresh chat with a new id, even when the current page was a new chat a moment ago.
            event.preventDefault();
            onClose();
            router.push('/');
            router.refresh();
          }}
          className="flex flex-1 items-center gap-2 rounded-lg border bg-background px-3 py-2 text-sm font-medium hover:bg-accent"
        >
          <MessageSquarePlus className="size-4" aria-hidden />
          {t('newChat')}
        </Link>
        <button
          type="button"
          onClick={onClose}
          aria-label={t('closeSidebar')}
          className="rounded-lg p-2 hover:bg-accent md:hidden"
        >
          <PanelLeftClose className="size-4 rtl:-scale-x-100" aria-hidden />
        </button>
      </div>
      <search className="relative px-3 pb-2">
        <Search
          className="pointer-events-none absolute start-5 top-1/2 size-4 -translate-y-1/2 -mt-1 text-muted-foreground"
          aria-hidden
        />
        <input
          type="search"
          aria-label={t('searchLabel')}
          placeholder={t('searchLabel')}
          value={query}
          maxLength={200}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && query) {
              event.preventDefault();
              setQuery('');
            }
          }}
          className="w-full rounded-lg border bg-background py-1.5 ps-8 pe-8 text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring [&::-webkit-search-cancel-button]:hidden"
        />
        {query && (
          <button
            type="button"
            aria-label={t('clearSearch')}
            onClick={() => setQuery('')}
            className="absolute end-4 top-1/2 -mt-1 -translate-y-1/2 rounded p-0.5 text-muted-foreground hover:text-foreground"
          >
            <X className="size-4" aria-hidden />
          </button>
        )}
      </search>
      {searching ? (
        <SearchResults query={query} onNavigate={onClose} />
      ) : (
        <>
          <div className="flex items-center px-3 pb-1">
            {view === 'archived' ? (
              <>
                <button
                  type="button"
                  onClick={() => setView('active')}
                  className="flex items-center gap-1 rounded-md px-2 py-1 text-xs hover:bg-accent"
                >
                  <ArrowLeft className="size-3.5 rtl:-scale-x-100" aria-hidden /> {t('allConversations')}
                </button>
                <h2 className="ms-auto px-2 text-xs font-medium text-muted-foreground">
                  {t('archivedView')}
                </h2>
              </>
            ) : (
              <button
                type="button"
                onClick={() => setView('archived')}
                className="ms-auto flex items-center gap-1 rounded-md px-2 py-1 text-xs text-muted-foreground hover:bg-accent hover:text-foreground"
              >
                <Archive className="size-3.5" aria-hidden /> {t('archivedView')}
              </button>
            )}
          </div>
          <ConversationList
            key={view}
            view={view}
            list={state[view]}
            streamingTitles={state.streamingTitles}
            onNavigate={onClose}
          />
        </>
      )}
      <UndoToast notice={state.notice} />
      {footer}
    </nav>
  );
}
