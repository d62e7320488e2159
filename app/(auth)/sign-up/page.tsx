import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { SignUpForm } from '@/components/auth/sign-up-form';
import { getDb } from '@/db/client';
import { countAccounts } from '@/lib/auth/local-owner';
import { currentViewer } from '@/lib/auth/page';
import { getConfig } from '@/lib/config';

export const metadata: Metadata = { title: 'Create account' };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ invite?: string }> }) {
  await connection();
  const { auth } = getConfig();
  if (auth.mode === 'none' || (await currentViewer())) redirect('/');
  const firstAccount = countAccounts(getDb()) === 0;
  const { invite } = await searchParams;
  const open = firstAccount || auth.signup === 'open' || (auth.signup === 'invite' && Boolean(invite));
  if (!open) {
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold">Sign-up is closed</h1>
        <p className="text-sm text-muted-foreground">
          {auth.signup === 'invite'
            ? 'You need an invite link from an admin of this server to create an account.'
            : 'Accounts on this server are created by its admin. Ask them for one.'}
        </p>
        <Link href="/sign-in" className="text-sm text-primary underline">
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <SignUpForm invite={invite} firstAccount={firstAccount} minPasswordLength={auth.minPasswordLength} />
  );
}
