'use client';

import { useRouter } from 'next/navigation';
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
      setPasswordError(authErrorMessage(error));
      return;
    }
    formElement.reset();
    setPasswordNotice('Password changed. Other devices were signed out.');
  };

  const signOutEverywhere = async () => {
    await authClient.revokeSessions();
    setSessionsNotice('Signed out of every session.');
    router.replace('/sign-in');
    router.refresh();
  };

  const deleteAccount = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setDeleteError('');
    const { error } = await authClient.deleteUser({ password: String(form.get('password')) });
    if (error) {
      setDeleteError(authErrorMessage(error));
      return;
    }
    router.replace('/sign-in');
    router.refresh();
  };

  return (
    <div className="space-y-4">
      <Section title="Change password">
        <form onSubmit={changePassword} className="space-y-3">
          <Field
            label="Current password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
          />
          <Field
            label="New password"
            name="newPassword"
            type="password"
            autoComplete="new-password"
            minLength={minPasswordLength}
          />
          <FormError message={passwordError} />
          <Notice message={passwordNotice} />
          <button type="submit" className={buttonClass}>
            Change password
          </button>
        </form>
      </Section>
      <Section title="Sessions">
        <p className="text-sm text-muted-foreground">Sign out on every device, this one included.</p>
        <Notice message={sessionsNotice} />
        <button type="button" onClick={signOutEverywhere} className={buttonClass}>
          Sign out of all sessions
        </button>
      </Section>
      <Section title="Delete account">
        <p className="text-sm text-muted-foreground">
          Deletes your account and every conversation and message in it. This cannot be undone.
        </p>
        <form onSubmit={deleteAccount} className="space-y-3">
          <Field label="Password" name="password" type="password" autoComplete="current-password" />
          <FormError message={deleteError} />
          <button
            type="submit"
            className="w-full rounded-lg bg-destructive px-3 py-2 text-sm font-medium text-white hover:opacity-90"
          >
            Delete my account and all my data
          </button>
        </form>
      </Section>
    </div>
  );
}
