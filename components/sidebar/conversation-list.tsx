'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { usePathname, useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ConversationSummary } from '@/db/queries/conversations';
import { ConversationRow } from './conversation-row';
import {
  type ListState,
  LOAD_FAILED,
  loadMore,
  removeConversation,
  renameConversation,
  setArchived,
  setPinned,
  type View,
} from './conversations-store';
import { sidebarRows } from './groups';

const ROW_HEIGHT = 36;
const HEADER_HEIGHT = 30;
/** Rows rendered above and below the visible ones. */
const OVERSCAN = 12;
/** Load the next page when the last rendered row is this close to the end. */
const PREFETCH_ROWS = 20;
/** Rows rendered before the list has measured itself (server render, first paint). */
const INITIAL_HEIGHT = 900;

/**
 * The conversations of one view, grouped by time (pinned first), virtualised: only the rows in
 * view (plus a margin) are in the page, so 10,000 conversations scroll like 10. The next page is
 * fetched as the end comes into view.
 */
export function ConversationList({
  view,
  list,
  streamingTitles,
  onNavigate,
}: {
  view: View;
  list: ListState;
  streamingTitles: Record<string, string>;
  onNavigate: () => void;
}) {
  const pathname = usePathname();
  const router = useRouter();
  const t = useTranslations('sidebar');
  const scroller = useRef<HTMLDivElement>(null);
  // Groups follow the browser's clock and time zone, known only once mounted.
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 60_000);
    return () => window.clearInterval(timer);
  }, []);

  const rows = useMemo(() => sidebarRows(list.items, now), [list.items, now]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => (rows[index]?.kind === 'header' ? HEADER_HEIGHT : ROW_HEIGHT),
    getItemKey: (index) => rows[index]?.key ?? index,
    overscan: OVERSCAN,
    initialRect: { width: 288, height: INITIAL_HEIGHT },
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (
      !list.loaded ||
      (list.nextCursor !== null && !list.loading && lastIndex >= rows.length - PREFETCH_ROWS)
    ) {
      void loadMore(view);
    }
  }, [list.loaded, list.nextCursor, list.loading, lastIndex, rows.length, view]);

  const onDelete = useCallback(
    (id: string) => {
      void removeConversation(id).then((removed) => {
        // The open conversation was deleted: leave it for a new chat.
        if (removed && window.location.pathname === `/c/${id}`) router.push('/');
      });
    },
    [router],
  );
  const onRename = useCallback((id: string, title: string) => void renameConversation(id, title), []);
  const onPin = useCallback((id: string, pinned: boolean) => void setPinned(id, pinned), []);
  const onArchive = useCallback((id: string, archived: boolean) => void setArchived(id, archived), []);

  const empty = list.loaded && list.items.length === 0 && !list.loading;
  return (
    <div
      ref={scroller}
      className="min-h-0 flex-1 overflow-y-auto px-2 pb-3"
      data-testid="conversation-scroller"
    >
      {empty ? (
        <p className="px-3 py-2 text-sm text-muted-foreground">
          {view === 'archived' ? t('emptyArchived') : t('empty')}
        </p>
      ) : (
        <ul
          aria-label={view === 'archived' ? t('archivedConversations') : t('conversations')}
          className="relative w-full"
          style={{ height: virtualizer.getTotalSize() }}
          data-count={list.items.length}
        >
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            const style = {
              height: item.size,
              transform: `translateY(${item.start}px)`,
            };
            if (row.kind === 'header') {
              return (
                <li
                  key={item.key}
                  role="presentation"
                  className="absolute start-0 top-0 flex w-full items-end px-3 pb-1 text-xs font-medium text-muted-foreground"
                  style={style}
                >
                  {t(`groups.${row.label}`)}
                </li>
              );
            }
            const c: ConversationSummary = row.conversation;
            return (
              <li
                key={item.key}
                data-conversation-id={c.id}
                className="absolute start-0 top-0 w-full py-px"
                style={style}
              >
                <ConversationRow
                  conversation={c}
                  streamingTitle={streamingTitles[c.id]}
                  current={pathname === `/c/${c.id}`}
                  onNavigate={onNavigate}
                  onRename={onRename}
                  onPin={onPin}
                  onArchive={onArchive}
                  onDelete={onDelete}
                />
              </li>
            );
          })}
        </ul>
      )}
      {list.loading && (
        <p role="status" className="px-3 py-2 text-xs text-muted-foreground">
          {t('loading')}
        </p>
      )}
      {list.error && (
        <p role="alert" className="px-3 py-2 text-xs text-destructive">
          {list.error === LOAD_FAILED ? t('loadFailed') : list.error}{' '}
          <button type="button" className="underline" onClick={() => void loadMore(view)}>
            {t('tryAgain')}
          </button>
        </p>
      )}
    </div>
  );
}
