'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
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
      setError(authErrorMessage(failure));
      return;
    }
    router.replace('/');
    router.refresh();
  };

  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <h1 className="text-xl font-semibold">Create your account</h1>
      {firstAccount && (
        <p className="text-sm text-muted-foreground">
          This is the first account on this server: it will be the admin, and will own any conversations made
          before accounts were switched on.
        </p>
      )}
      <Field label="Name" name="name" autoComplete="name" />
      <Field label="Email" name="email" type="email" autoComplete="email" />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        minLength={minPasswordLength}
      />
      <p className="text-xs text-muted-foreground">At least {minPasswordLength} characters.</p>
      <FormError message={error} />
      <button type="submit" disabled={pending} className={buttonClass}>
        Create account
      </button>
      <p className="text-center text-sm text-muted-foreground">
        Have an account?{' '}
        <Link href="/sign-in" className="text-primary underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
