'use client';

import { Link2, LogOut, Settings, Shield } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { LanguageSelect } from '@/components/settings/language-select';
import type { Viewer } from '@/lib/auth/owner';

/** Who is signed in, with the way to their account, the admin page and out. */
export function AccountMenu({ viewer, onNavigate }: { viewer: Viewer; onNavigate: () => void }) {
  const router = useRouter();
  const t = useTranslations('accountMenu');
  const signOut = async () => {
    // Loaded on demand: the chat itself never needs the auth client.
    const { authClient } = await import('@/lib/auth/client');
    await authClient.signOut();
    router.replace('/sign-in');
    router.refresh();
  };
  const item = 'flex w-full items-center gap-2 rounded-lg px-3 py-2 text-sm hover:bg-accent';
  return (
    <div className="border-t p-2">
      <div className="truncate px-3 py-1 text-xs text-muted-foreground" title={viewer.email}>
        {viewer.singleUser ? t('singleUserMode') : viewer.email}
      </div>
      <Link href="/account" onClick={onNavigate} className={item}>
        <Settings className="size-4" aria-hidden /> {viewer.singleUser ? t('settings') : t('account')}
      </Link>
      <Link href="/shares" onClick={onNavigate} className={item}>
        <Link2 className="size-4" aria-hidden /> {t('sharedLinks')}
      </Link>
      {viewer.role === 'admin' && !viewer.singleUser && (
        <Link href="/admin" onClick={onNavigate} className={item}>
          <Shield className="size-4" aria-hidden /> {t('admin')}
        </Link>
      )}
      {!viewer.singleUser && (
        <button type="button" onClick={signOut} className={item}>
          <LogOut className="size-4 rtl:-scale-x-100" aria-hidden /> {t('signOut')}
        </button>
      )}
      <LanguageSelect compact />
    </div>
  );
}
