import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { getTranslations } from 'next-intl/server';
import { SignUpForm } from '@/components/auth/sign-up-form';
import { getDb } from '@/db/client';
import { countAccounts } from '@/lib/auth/local-owner';
import { currentViewer } from '@/lib/auth/page';
import { getConfig } from '@/lib/config';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('meta'))('createAccount') };
}

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ invite?: string }> }) {
  await connection();
  const { auth } = getConfig();
  if (auth.mode === 'none' || (await currentViewer())) redirect('/');
  const firstAccount = countAccounts(getDb()) === 0;
  const { invite } = await searchParams;
  const open = firstAccount || auth.signup === 'open' || (auth.signup === 'invite' && Boolean(invite));
  if (!open) {
    const t = await getTranslations('auth');
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold">{t('closedTitle')}</h1>
        <p className="text-sm text-muted-foreground">
          {auth.signup === 'invite' ? t('closedInvite') : t('closedAdmin')}
        </p>
        <Link href="/sign-in" className="text-sm text-primary underline">
          {t('signIn')}
        </Link>
      </div>
    );
  }
  return (
    <SignUpForm invite={invite} firstAccount={firstAccount} minPasswordLength={auth.minPasswordLength} />
  );
}
