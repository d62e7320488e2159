'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { buttonClass, Field, FormError } from '@/components/auth/field';
import { Section } from '@/components/ui/section';
import { authClient, authErrorMessage } from '@/lib/auth/client';

function Notice({ message }: { message: string }) {
  if (!message) return null;
  return (
    <p role="status" className="text-sm text-muted-foreground">
      {message}
    </p>
  );
}

export function AccountSettings({ minPasswordLength }: { minPasswordLength: number }) {
  const router = useRouter();
  const t = useTranslations('account');
  const ta = useTranslations('auth');
  const [passwordError, setPasswordError] = useState('');
  const [passwordNotice, setPasswordNotice] = useState('');
  const [sessionsNotice, setSessionsNotice] = useState('');
  const [deleteError, setDeleteError] = useState('');

  const changePassword = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setPasswordError('');
    setPasswordNotice('');
    const { error } = await authClient.changePassword({
      currentPassword: String(form.get('currentPassword')),
      newPassword: String(form.get('newPassword')),
      revokeOtherSessions: true,
    });
    if (error) {
      setPasswordError(authErrorMessage(error, ta));
      return;
    }
    formElement.reset();
    setPasswordNotice(t('passwordChanged'));
  };

  const signOutEverywhere = async () => {
    await authClient.revokeSessions();
    setSessionsNotice(t('signedOutEverywhere'));
    router.replace('/sign-in');
    router.refresh();
  };

  const deleteAccount = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setDeleteError('');
    const { error } = await authClient.deleteUser({ password: String(form.get('password')) });
    if (error) {
      setDeleteError(authErrorMessage(error, ta));
      return;
    }
    router.replace('/sign-in');
    router.refresh();
  };

  return (
    <div className="space-y-4">
      <Section title={t('changePassword')}>
        <form onSubmit={changePassword} className="space-y-3">
          <Field
            label={t('currentPassword')}
            name="currentPassword"
            type="password"
            autoComplete="current-password"
          />
          <Field
            label={t('newPassword')}
            name="newPassword"
            type="password"
            autoComplete="new-password"
            minLength={minPasswordLength}
          />
          <FormError message={passwordError} />
          <Notice message={passwordNotice} />
          <button type="submit" className={buttonClass}>
            {t('changePassword')}
          </button>
        </form>
      </Section>
      <Section title={t('sessions')}>
        <p className="text-sm text-muted-foreground">{t('sessionsHint')}</p>
        <Notice message={sessionsNotice} />
        <button type="button" onClick={signOutEverywhere} className={buttonClass}>
          {t('signOutAll')}
        </button>
      </Section>
      <Section title={t('deleteAccount')}>
        <p className="text-sm text-muted-foreground">{t('deleteHint')}</p>
        <form onSubmit={deleteAccount} className="space-y-3">
          <Field label={t('password')} name="password" type="password" autoComplete="current-password" />
          <FormError message={deleteError} />
          <button
            type="submit"
            className="w-full rounded-lg bg-destructive px-3 py-2 text-sm font-medium text-white hover:opacity-90"
          >
            {t('deleteButton')}
          </button>
        </form>
      </Section>
    </div>
  );
}
