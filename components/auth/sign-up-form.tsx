'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { authClient, authErrorMessage } from '@/lib/auth/client';
import { buttonClass, Field, FormError } from './field';

export function SignUpForm({
  invite,
  firstAccount,
  minPasswordLength,
}: {
  invite?: string;
  firstAccount: boolean;
  minPasswordLength: number;
}) {
  const router = useRouter();
  const t = useTranslations('auth');
  const [error, setError] = useState('');
  const [pending, setPending] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError('');
    const { error: failure } = await authClient.signUp.email(
      {
        name: String(form.get('name')),
        email: String(form.get('email')),
        password: String(form.get('password')),
      },
      invite ? { headers: { 'x-invite-token': invite } } : undefined,
    );
    setPending(false);
    if (failure) {
      setError(authErrorMessage(failure, t));
      return;
    }
    router.replace('/');
    router.refresh();
  };

  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <h1 className="text-xl font-semibold">{t('signUpTitle')}</h1>
      {firstAccount && <p className="text-sm text-muted-foreground">{t('firstAccount')}</p>}
      <Field label={t('name')} name="name" autoComplete="name" />
      <Field label={t('email')} name="email" type="email" autoComplete="email" />
      <Field
        label={t('password')}
        name="password"
        type="password"
        autoComplete="new-password"
        minLength={minPasswordLength}
      />
      <p className="text-xs text-muted-foreground">{t('minLength', { count: minPasswordLength })}</p>
      <FormError message={error} />
      <button type="submit" disabled={pending} className={buttonClass}>
        {t('createAccount')}
      </button>
      <p className="text-center text-sm text-muted-foreground">
        {t('haveAccount')}{' '}
        <Link href="/sign-in" className="text-primary underline">
          {t('signIn')}
        </Link>
      </p>
    </form>
  );
}
