'use client';

import { Pin } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { memo, useEffect, useRef, useState } from 'react';
import { cn } from '@/components/ui/cn';
import type { ConversationSummary } from '@/db/queries/conversations';
import { RowMenu } from './row-menu';

export const MAX_TITLE_CHARS = 120;

/**
 * One conversation in the sidebar: its link (aria-current when open), the title GLM is writing
 * when it is, inline rename (double-click or the menu; Enter saves, Escape cancels) and the menu.
 */
export const ConversationRow = memo(function ConversationRow({
  conversation,
  streamingTitle,
  current,
  onNavigate,
  onRename,
  onPin,
  onArchive,
  onDelete,
}: {
  conversation: ConversationSummary;
  streamingTitle: string | undefined;
  current: boolean;
  onNavigate: () => void;
  onRename: (id: string, title: string) => void;
  onPin: (id: string, pinned: boolean) => void;
  onArchive: (id: string, archived: boolean) => void;
  onDelete: (id: string) => void;
}) {
  const [editing, setEditing] = useState(false);
  const t = useTranslations('sidebar');
  const title = streamingTitle ?? conversation.title;
  const shown = title || t('untitled');
  const link = useRef<HTMLAnchorElement>(null);
  const wasEditing = useRef(false);
  const router = useRouter();
  const prefetch = () => router.prefetch(`/c/${conversation.id}`);

  useEffect(() => {
    // Back on the link after a rename, so the keyboard user is where they were.
    if (wasEditing.current && !editing) link.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  return (
    <div className="group relative h-full">
      {editing ? (
        <RenameInput
          initial={conversation.title}
          onDone={(value) => {
            setEditing(false);
            if (value !== null && value !== conversation.title) onRename(conversation.id, value);
          }}
        />
      ) : (
        <Link
          ref={link}
          href={`/c/${conversation.id}`}
          // Not every row in view: with dozens of rows that is dozens of server renders per page
          // load. Prefetched when the pointer or the focus reaches the row, just before a click.
          prefetch={false}
          onMouseEnter={prefetch}
          onFocus={prefetch}
          onTouchStart={prefetch}
          onClick={onNavigate}
          onDoubleClick={(event) => {
            event.preventDefault();
            setEditing(true);
          }}
          aria-current={current ? 'page' : undefined}
          title={shown}
          dir="auto"
          data-title-streaming={streamingTitle !== undefined ? 'true' : undefined}
          className={cn(
            'flex h-full items-center gap-1.5 truncate rounded-lg ps-3 pe-8 text-sm hover:bg-accent',
            current && 'bg-accent font-medium',
          )}
        >
          {conversation.pinned && <Pin className="size-3 shrink-0 text-muted-foreground" aria-hidden />}
          <span className="truncate">{shown}</span>
        </Link>
      )}
      {!editing && (
        <RowMenu
          title={shown}
          pinned={conversation.pinned}
          archived={conversation.archived}
          actions={{
            onRename: () => setEditing(true),
            onPin: () => onPin(conversation.id, !conversation.pinned),
            onArchive: () => onArchive(conversation.id, !conversation.archived),
            onDelete: () => onDelete(conversation.id),
          }}
        />
      )}
    </div>
  );
});

/** Enter (or leaving the field) saves, Escape cancels; an empty title is not saved. */
function RenameInput({ initial, onDone }: { initial: string; onDone: (value: string | null) => void }) {
  const t = useTranslations('sidebar');
  const [value, setValue] = useState(initial);
  const finished = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const done = (result: string | null) => {
    if (finished.current) return;
    finished.current = true;
    const trimmed = result?.replace(/\s+/g, ' ').trim() ?? null;
    onDone(trimmed ? trimmed : null);
  };
  return (
    <input
      ref={input}
      aria-label={t('titleLabel')}
      value={value}
      maxLength={MAX_TITLE_CHARS}
      dir="auto"
      onChange={(event) => setValue(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
          event.preventDefault();
          done(value);
        } else if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          done(null);
        }
      }}
      onBlur={() => done(value)}
      className="h-full w-full rounded-lg border bg-background px-3 text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring"
    />
  );
}
