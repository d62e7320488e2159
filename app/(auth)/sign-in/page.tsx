import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { getTranslations } from 'next-intl/server';
import { SignInForm } from '@/components/auth/sign-in-form';
import { getDb } from '@/db/client';
import { countAccounts } from '@/lib/auth/local-owner';
import { currentViewer } from '@/lib/auth/page';
import { getConfig } from '@/lib/config';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('meta'))('signIn') };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  await connection();
  const { auth } = getConfig();
  if (auth.mode === 'none' || (await currentViewer())) redirect('/');
  // A fresh install has no account to sign in to: the first visitor creates the admin account.
  if (countAccounts(getDb()) === 0) redirect('/sign-up');
  const { next } = await searchParams;
  return <SignInForm next={next} canSignUp={auth.signup === 'open'} />;
}
