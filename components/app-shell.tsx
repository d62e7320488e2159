'use client';

import { FlaskConical, PanelLeftOpen } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type ReactNode, useState } from 'react';
import type { ConversationSummary } from '@/db/queries/conversations';
import type { Viewer } from '@/lib/auth/owner';
import { AccountMenu } from './sidebar/account-menu';
import { Sidebar } from './sidebar/sidebar';

export interface ProviderBadgeInfo {
  isSimulator: boolean;
  label: string;
}

export function AppShell({
  initialConversations,
  provider,
  viewer,
  children,
}: {
  initialConversations: ConversationSummary[];
  provider: ProviderBadgeInfo;
  viewer: Viewer;
  children: ReactNode;
}) {
  const [sidebarOpen, setSidebarOpen] = useState(false);
  const t = useTranslations('shell');
  return (
    <div className="flex h-dvh overflow-hidden">
      <Sidebar
        initialConversations={initialConversations}
        open={sidebarOpen}
        onClose={() => setSidebarOpen(false)}
        footer={<AccountMenu viewer={viewer} onNavigate={() => setSidebarOpen(false)} />}
      />
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
            onClick={() => setSidebarOpen(true)}
            className="rounded-lg p-2 hover:bg-accent md:hidden"
          >
            <PanelLeftOpen className="size-4 rtl:-scale-x-100" aria-hidden />
          </button>
          <span className="whitespace-nowrap font-semibold">GLM Chat</span>
          <span className="hidden truncate text-sm text-muted-foreground sm:inline">GLM-4.7-Flash</span>
          <span className="ms-auto" />
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
    </div>
  );
}
