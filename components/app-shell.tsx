'use client';

import { FlaskConical, Keyboard, PanelLeftOpen } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type ReactNode, useCallback, useRef, useState } from 'react';
import type { ConversationSummary } from '@/db/queries/conversations';
import type { Viewer } from '@/lib/auth/owner';
import { lastAnswerText } from './chat/last-answer';
import { ShortcutsDialog } from './shortcuts/shortcuts-dialog';
import { useGlobalShortcuts } from './shortcuts/use-global-shortcuts';
import { AccountMenu } from './sidebar/account-menu';
import { Sidebar } from './sidebar/sidebar';
import { cn } from './ui/cn';

/** Tailwind's `md` breakpoint: from here on the sidebar sits beside the page instead of in a drawer. */
const isDesktop = () => window.matchMedia('(min-width: 48rem)').matches;

/** A selector for an element by its accessible label (labels are translated, so they come from the messages). */
const labelled = (tag: string, label: string) => `${tag}[aria-label="${label.replace(/["\\]/g, '\\$&')}"]`;

/** Runs `work` once the next frame is laid out (e.g. after the drawer has opened). */
const afterPaint = (work: () => void) => requestAnimationFrame(() => requestAnimationFrame(work));

export interface ProviderBadgeInfo {
  isSimulator: boolean;
  label: string;
}

export function AppShell({
  initialConversations,
  initialCursor = null,
  provider,
  viewer,
  children,
}: {
  initialConversations: ConversationSummary[];
  /** Where the sidebar's next page starts. */
  initialCursor?: string | null;
  provider: ProviderBadgeInfo;
  viewer: Viewer;
  children: ReactNode;
}) {
  const [sidebarOpen, setSidebarOpen] = useState(false);
  const t = useTranslations('shell');
  const ts = useTranslations('shortcuts');
  const tSidebar = useTranslations('sidebar');
  const tComposer = useTranslations('composer');
  const composerSelector = labelled('textarea', tComposer('message'));
  const stopSelector = labelled('button', tComposer('stop'));
  // Desktop only: the sidebar can be hidden (Mod+Shift+S) to give the thread the whole width.
  const [sidebarHidden, setSidebarHidden] = useState(false);
  const [notice, setNotice] = useState('');
  const shortcutsDialog = useRef<HTMLDialogElement>(null);
  const router = useRouter();

  const showSidebar = useCallback(() => {
    if (isDesktop()) setSidebarHidden(false);
    else setSidebarOpen(true);
  }, []);

  useGlobalShortcuts(
    {
      'new-chat': () => {
        setSidebarOpen(false);
        router.push('/');
        router.refresh();
      },
      search: () => {
        showSidebar();
        afterPaint(() => {
          const nav = document.querySelector<HTMLElement>(labelled('nav', tSidebar('conversations')));
          const box = nav?.querySelector<HTMLElement>(
            `input[type="search"], [role="searchbox"], ${labelled('input', ts('search'))}`,
          );
          // Without a search box, the conversation list is the next best place.
          (box ?? nav?.querySelector<HTMLElement>('a[href], button'))?.focus();
        });
      },
      'focus-composer': () => {
        setSidebarOpen(false);
        document.querySelector<HTMLTextAreaElement>(composerSelector)?.focus();
      },
      stop: () => document.querySelector<HTMLButtonElement>(stopSelector)?.click(),
      'copy-last-answer': () => {
        const text = lastAnswerText();
        if (!text) {
          setNotice(ts('nothingToCopy'));
          return;
        }
        navigator.clipboard.writeText(text).then(
          () => setNotice(ts('copied')),
          () => setNotice(ts('copyFailed')),
        );
      },
      'toggle-sidebar': () => {
        if (isDesktop()) setSidebarHidden((hidden) => !hidden);
        else setSidebarOpen((open) => !open);
      },
      help: () => {
        const dialog = shortcutsDialog.current;
        if (!dialog) return;
        if (dialog.open) dialog.close();
        else dialog.showModal();
      },
    },
    { composer: composerSelector, stop: stopSelector },
  );

  return (
    <div className="flex h-dvh overflow-hidden">
      <div className={cn('contents', sidebarHidden && 'md:hidden')} data-testid="sidebar-frame">
        <Sidebar
          initialConversations={initialConversations}
          initialCursor={initialCursor}
          open={sidebarOpen}
          onClose={() => setSidebarOpen(false)}
          footer={<AccountMenu viewer={viewer} onNavigate={() => setSidebarOpen(false)} />}
        />
      </div>
      {sidebarOpen && (
        <div
          aria-hidden
          className="fixed inset-0 z-30 bg-black/40 md:hidden"
          onClick={() => setSidebarOpen(false)}
        />
      )}
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-12 shrink-0 items-center gap-2 border-b px-3">
          <button
            type="button"
            aria-label={t('openSidebar')}
            onClick={showSidebar}
            className={cn('rounded-lg p-2 hover:bg-accent', !sidebarHidden && 'md:hidden')}
          >
            <PanelLeftOpen className="size-4 rtl:-scale-x-100" aria-hidden />
          </button>
          <span className="whitespace-nowrap font-semibold">GLM Chat</span>
          <span className="hidden truncate text-sm text-muted-foreground sm:inline">GLM-4.7-Flash</span>
          <span className="ms-auto" />
          <div aria-live="polite" data-testid="shortcut-notice" className="sr-only">
            {notice}
          </div>
          <button
            type="button"
            aria-label={ts('title')}
            title={ts('title')}
            onClick={() => shortcutsDialog.current?.showModal()}
            className="rounded-lg p-2 text-muted-foreground hover:bg-accent hover:text-foreground"
          >
            <Keyboard className="size-4" aria-hidden />
          </button>
          {provider.isSimulator ? (
            <span
              data-testid="simulator-badge"
              title={t('simulatorTitle', { label: provider.label })}
              className="inline-flex items-center gap-1 rounded-full border border-amber-500/50 bg-amber-500/10 px-2.5 py-0.5 text-xs font-medium text-amber-700 dark:text-amber-300"
            >
              <FlaskConical className="size-3.5" aria-hidden />
              {t('simulator')}
            </span>
          ) : (
            <span className="hidden truncate text-xs text-muted-foreground sm:inline">{provider.label}</span>
          )}
        </header>
        {children}
      </div>
      <ShortcutsDialog ref={shortcutsDialog} />
    </div>
  );
}
