'use client';

import { Archive, ArchiveRestore, EllipsisVertical, Pencil, Pin, PinOff, Trash2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type KeyboardEvent, type ReactNode, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { cn } from '@/components/ui/cn';

export interface RowActions {
  onRename: () => void;
  onPin: () => void;
  onArchive: () => void;
  onDelete: () => void;
}

const MENU_WIDTH = 176;

/**
 * The actions of one conversation: a button that opens a menu (Rename, Pin/Unpin, Archive/Unarchive,
 * Delete), rendered in <body> beside everything. Keyboard: Enter/Space/ArrowDown opens it on the first item, arrows move, Home/End jump,
 * Escape closes it and gives the focus back to the button, Tab closes it.
 */
export function RowMenu({
  title,
  pinned,
  archived,
  actions,
}: {
  title: string;
  pinned: boolean;
  archived: boolean;
  actions: RowActions;
}) {
  const t = useTranslations('sidebar');
  const [open, setOpen] = useState(false);
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  const items: Array<{ label: string; icon: ReactNode; run: () => void; danger?: boolean }> = [
    { label: t('rename'), icon: <Pencil className="size-4" aria-hidden />, run: actions.onRename },
    {
      label: pinned ? t('unpin') : t('pin'),
      icon: pinned ? <PinOff className="size-4" aria-hidden /> : <Pin className="size-4" aria-hidden />,
      run: actions.onPin,
    },
    {
      label: archived ? t('unarchive') : t('archive'),
      icon: archived ? (
        <ArchiveRestore className="size-4" aria-hidden />
      ) : (
        <Archive className="size-4" aria-hidden />
      ),
      run: actions.onArchive,
    },
    {
      label: t('delete'),
      icon: <Trash2 className="size-4" aria-hidden />,
      run: actions.onDelete,
      danger: true,
    },
  ];

  useLayoutEffect(() => {
    if (!open || !button.current) return;
    const rect = button.current.getBoundingClientRect();
    const height = items.length * 36 + 8;
    const below = rect.bottom + height < window.innerHeight;
    setPosition({
      top: below ? rect.bottom + 4 : Math.max(4, rect.top - height - 4),
      left: Math.max(4, Math.min(rect.right - MENU_WIDTH, window.innerWidth - MENU_WIDTH - 4)),
    });
  }, [open, items.length]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the menu exists once it has a position
  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open, position]);

  const close = (focusButton: boolean) => {
    setOpen(false);
    if (focusButton) button.current?.focus();
  };

  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const entries = Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
    const index = entries.indexOf(document.activeElement as HTMLElement);
    const focus = (i: number) => entries[(i + entries.length) % entries.length]?.focus();
    if (event.key === 'ArrowDown') focus(index + 1);
    else if (event.key === 'ArrowUp') focus(index - 1);
    else if (event.key === 'Home') focus(0);
    else if (event.key === 'End') focus(entries.length - 1);
    else if (event.key === 'Escape') close(true);
    else if (event.key === 'Tab') {
      close(false);
      return;
    } else return;
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <>
      <button
        ref={button}
        type="button"
        aria-label={t('actions')}
        title={t('actionsFor', { title })}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setOpen(true);
          }
        }}
        className={cn(
          'absolute end-1 top-1/2 -translate-y-1/2 rounded-md p-1 text-muted-foreground hover:bg-background hover:text-foreground focus-visible:opacity-100',
          'md:opacity-0 md:group-hover:opacity-100 md:group-focus-within:opacity-100',
          open && 'md:opacity-100',
        )}
      >
        <EllipsisVertical className="size-4" aria-hidden />
      </button>
      {open &&
        position &&
        // In <body>: the virtualised rows are transformed, which would trap a fixed menu inside its row.
        createPortal(
          <div
            ref={menu}
            role="menu"
            aria-label={t('actionsFor', { title })}
            tabIndex={-1}
            onKeyDown={onMenuKey}
            style={{ top: position.top, left: position.left, width: MENU_WIDTH }}
            className="fixed z-50 rounded-lg border bg-background p-1 shadow-lg"
          >
            {items.map((item) => (
              <button
                key={item.label}
                type="button"
                role="menuitem"
                tabIndex={-1}
                onClick={() => {
                  close(false);
                  item.run();
                }}
                className={cn(
                  'flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-start text-sm hover:bg-accent focus:bg-accent focus:outline-none',
                  item.danger && 'text-destructive',
                )}
              >
                {item.icon}
                {item.label}
              </button>
            ))}
          </div>,
          document.body,
        )}
    </>
  );
}
