'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { authClient, authErrorMessage } from '@/lib/auth/client';
import { buttonClass, Field, FormError } from './field';

/** Only same-site paths are followed after sign-in (no open redirect). */
function safeNext(next: string | undefined): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInForm({ next, canSignUp }: { next?: string; canSignUp: boolean }) {
  const router = useRouter();
  const t = useTranslations('auth');
  const [error, setError] = useState('');
  const [pending, setPending] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError('');
    const { error: failure } = await authClient.signIn.email({
      email: String(form.get('email')),
      password: String(form.get('password')),
    });
    setPending(false);
    if (failure) {
      setError(authErrorMessage(failure, t));
      return;
    }
    router.replace(safeNext(next));
    router.refresh();
  };

  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <h1 className="text-xl font-semibold">{t('signInTitle')}</h1>
      <Field label={t('email')} name="email" type="email" autoComplete="email" />
      <Field label={t('password')} name="password" type="password" autoComplete="current-password" />
      <FormError message={error} />
      <button type="submit" disabled={pending} className={buttonClass}>
        {t('signIn')}
      </button>
      {canSignUp && (
        <p className="text-center text-sm text-muted-foreground">
          {t('noAccount')}{' '}
          <Link href="/sign-up" className="text-primary underline">
            {t('createOne')}
          </Link>
        </p>
      )}
    </form>
  );
}
