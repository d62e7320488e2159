'use client';

import { Link2, LogOut, Settings, Shield } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { Viewer } from '@/lib/auth/owner';

/** Who is signed in, with the way to their account, the admin page and out. */
export function AccountMenu({ viewer, onNavigate }: { viewer: Viewer; onNavigate: () => void }) {
  const router = useRouter();
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
        {viewer.singleUser ? 'Single-user mode' : viewer.email}
      </div>
      <Link href="/account" onClick={onNavigate} className={item}>
        <Settings className="size-4" aria-hidden /> {viewer.singleUser ? 'Settings' : 'Account'}
      </Link>
      <Link href="/shares" onClick={onNavigate} className={item}>
        <Link2 className="size-4" aria-hidden /> Shared links
      </Link>
      {viewer.role === 'admin' && !viewer.singleUser && (
        <Link href="/admin" onClick={onNavigate} className={item}>
          <Shield className="size-4" aria-hidden /> Admin
        </Link>
      )}
      {!viewer.singleUser && (
        <button type="button" onClick={signOut} className={item}>
          <LogOut className="size-4" aria-hidden /> Sign out
        </button>
      )}
    </div>
  );
}
