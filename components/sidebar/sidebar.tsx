'use client';

import { MessageSquarePlus, PanelLeftClose } from 'lucide-react';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type ReactNode, useEffect } from 'react';
import { cn } from '@/components/ui/cn';
import type { ConversationSummary } from '@/db/queries/conversations';
import { seedConversations, useConversations } from './conversations-store';

export function Sidebar({
  initialConversations,
  open,
  onClose,
  footer,
}: {
  initialConversations: ConversationSummary[];
  open: boolean;
  onClose: () => void;
  footer?: ReactNode;
}) {
  useEffect(() => seedConversations(initialConversations), [initialConversations]);
  const conversations = useConversations(initialConversations);
  const pathname = usePathname();
  const router = useRouter();
  const t = useTranslations('sidebar');

  return (
    <nav
      aria-label={t('conversations')}
      className={cn(
        'fixed inset-y-0 start-0 z-40 flex w-72 max-w-[85vw] flex-col border-e bg-sidebar transition-transform md:static md:z-auto md:translate-x-0 md:rtl:translate-x-0',
        open ? 'translate-x-0' : '-translate-x-full rtl:translate-x-full',
      )}
    >
      <div className="flex items-center gap-2 p-3">
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
      <ul className="flex-1 space-y-0.5 overflow-y-auto px-2 pb-3">
        {conversations.length === 0 ? (
          <li className="px-3 py-2 text-sm text-muted-foreground">{t('empty')}</li>
        ) : (
          conversations.map((c) => {
            const href = `/c/${c.id}`;
            const current = pathname === href;
            return (
              <li key={c.id}>
                <Link
                  href={href}
                  onClick={onClose}
                  aria-current={current ? 'page' : undefined}
                  title={c.title}
                  dir="auto"
                  className={cn(
                    'block truncate rounded-lg px-3 py-2 text-sm hover:bg-accent',
                    current && 'bg-accent font-medium',
                  )}
                >
                  {c.title || t('untitled')}
                </Link>
              </li>
            );
          })
        )}
      </ul>
      {footer}
    </nav>
  );
}
