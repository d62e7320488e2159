'use client';

import { useLocale, useTranslations } from 'next-intl';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { buttonClass, Field, FormError } from '@/components/auth/field';
import { Section } from '@/components/ui/section';
import { authClient, authErrorMessage } from '@/lib/auth/client';
import type { InviteSummary } from '@/lib/auth/invites';

interface AdminUser {
  id: string;
  name: string;
  email: string;
  role?: string | null;
  banned?: boolean | null;
  createdAt: Date | string;
}

const smallButton = 'rounded-md border px-2 py-1 text-xs hover:bg-accent disabled:opacity-50';

function UserRow({
  user,
  isSelf,
  onChanged,
  onError,
}: {
  user: AdminUser;
  isSelf: boolean;
  onChanged: () => void;
  onError: (message: string) => void;
}) {
  const [resetting, setResetting] = useState(false);
  const t = useTranslations('admin');
  const ta = useTranslations('auth');
  const act = async (run: () => Promise<{ error: { message?: string; status?: number } | null }>) => {
    const { error } = await run();
    if (error) onError(authErrorMessage(error, ta));
    onChanged();
  };
  const resetPassword = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const newPassword = String(new FormData(event.currentTarget).get('newPassword'));
    await act(() => authClient.admin.setUserPassword({ userId: user.id, newPassword }));
    setResetting(false);
  };
  return (
    <li className="space-y-2 py-3" data-testid="admin-user" data-email={user.email}>
      <div className="flex flex-wrap items-center gap-2">
        <div className="min-w-0 flex-1">
          <div className="truncate text-sm font-medium">{user.name}</div>
          <div className="truncate text-xs text-muted-foreground">{user.email}</div>
        </div>
        <span className="rounded-full border px-2 py-0.5 text-xs">
          {user.role === 'admin' ? t('admin') : t('user')}
        </span>
        <span className="rounded-full border px-2 py-0.5 text-xs" data-testid="user-status">
          {user.banned ? t('disabled') : t('active')}
        </span>
      </div>
      {!isSelf && (
        <div className="flex flex-wrap gap-1.5">
          {user.banned ? (
            <button
              type="button"
              className={smallButton}
              onClick={() => act(() => authClient.admin.unbanUser({ userId: user.id }))}
            >
              {t('enable')}
            </button>
          ) : (
            <button
              type="button"
              className={smallButton}
              onClick={() => act(() => authClient.admin.banUser({ userId: user.id }))}
            >
              {t('disable')}
            </button>
          )}
          <button
            type="button"
            className={smallButton}
            onClick={() =>
              act(() =>
                authClient.admin.setRole({ userId: user.id, role: user.role === 'admin' ? 'user' : 'admin' }),
              )
            }
          >
            {user.role === 'admin' ? t('makeUser') : t('makeAdmin')}
          </button>
          <button type="button" className={smallButton} onClick={() => setResetting(!resetting)}>
            {t('resetPassword')}
          </button>
          <button
            type="button"
            className={`${smallButton} text-destructive`}
            onClick={() => {
              if (window.confirm(t('confirmDelete', { email: user.email }))) {
                void act(() => authClient.admin.removeUser({ userId: user.id }));
              }
            }}
          >
            {t('delete')}
          </button>
        </div>
      )}
      {resetting && (
        <form onSubmit={resetPassword} className="flex items-end gap-2">
          <div className="flex-1">
            <Field
              label={t('newPasswordFor', { email: user.email })}
              name="newPassword"
              type="password"
              autoComplete="new-password"
            />
          </div>
          <button type="submit" className={smallButton}>
            {t('setPassword')}
          </button>
        </form>
      )}
    </li>
  );
}

export function AdminConsole({ selfId, signupMode }: { selfId: string; signupMode: string }) {
  const [users, setUsers] = useState<AdminUser[]>([]);
  const [invites, setInvites] = useState<InviteSummary[]>([]);
  const [error, setError] = useState('');
  const [createError, setCreateError] = useState('');
  const [inviteLink, setInviteLink] = useState('');
  const t = useTranslations('admin');
  const ta = useTranslations('auth');
  const locale = useLocale();

  const load = useCallback(async () => {
    const [{ data, error: failure }, inviteResponse] = await Promise.all([
      authClient.admin.listUsers({ query: { limit: 500, sortBy: 'createdAt', sortDirection: 'asc' } }),
      fetch('/api/admin/invites', { cache: 'no-store' }),
    ]);
    if (failure) setError(authErrorMessage(failure, ta));
    setUsers(((data?.users ?? []) as AdminUser[]).filter((u) => u.id !== 'local'));
    if (inviteResponse.ok)
      setInvites(((await inviteResponse.json()) as { invites: InviteSummary[] }).invites);
  }, [ta]);

  useEffect(() => {
    void load();
  }, [load]);

  const createUser = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setCreateError('');
    const { error: failure } = await authClient.admin.createUser({
      name: String(form.get('name')),
      email: String(form.get('email')),
      password: String(form.get('password')),
      role: form.get('role') === 'admin' ? 'admin' : 'user',
    });
    if (failure) {
      setCreateError(authErrorMessage(failure, ta));
      return;
    }
    formElement.reset();
    await load();
  };

  const createInvite = async () => {
    const response = await fetch('/api/admin/invites', { method: 'POST' });
    if (!response.ok) {
      setError(t('inviteFailed'));
      return;
    }
    setInviteLink(((await response.json()) as { link: string }).link);
    await load();
  };

  const revokeInvite = async (id: string) => {
    await fetch(`/api/admin/invites/${encodeURIComponent(id)}`, { method: 'DELETE' });
    await load();
  };

  return (
    <div className="space-y-4">
      {error && (
        <p
          role="alert"
          className="rounded-lg border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm"
        >
          {error}
        </p>
      )}
      <Section title={t('users', { count: users.length })}>
        <ul className="divide-y">
          {users.map((user) => (
            <UserRow
              key={user.id}
              user={user}
              isSelf={user.id === selfId}
              onChanged={load}
              onError={setError}
            />
          ))}
        </ul>
      </Section>
      <Section title={t('createUser')}>
        <form onSubmit={createUser} className="space-y-3">
          <Field label={t('name')} name="name" autoComplete="off" />
          <Field label={t('email')} name="email" type="email" autoComplete="off" />
          <Field label={t('password')} name="password" type="password" autoComplete="new-password" />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="role" value="admin" /> {t('admin')}
          </label>
          <FormError message={createError} />
          <button type="submit" className={buttonClass}>
            {t('createUserButton')}
          </button>
        </form>
      </Section>
      <Section title={t('inviteLinks')}>
        <p className="text-sm text-muted-foreground">
          {signupMode === 'invite' ? t('inviteHint') : t('inviteOff', { mode: signupMode })}
        </p>
        <button type="button" onClick={createInvite} className={buttonClass}>
          {t('createInvite')}
        </button>
        {inviteLink && (
          <input
            readOnly
            aria-label={t('inviteLink')}
            value={inviteLink}
            onFocus={(e) => e.currentTarget.select()}
            className="w-full rounded-lg border bg-muted px-3 py-2 font-mono text-xs"
          />
        )}
        <ul className="divide-y text-sm">
          {invites.map((invite) => (
            <li key={invite.id} className="flex items-center gap-2 py-2">
              <span className="flex-1">
                {invite.usedAt
                  ? invite.usedByEmail
                    ? t('usedBy', { email: invite.usedByEmail })
                    : t('used')
                  : invite.expiresAt < Date.now()
                    ? t('expired')
                    : t('openUntil', { date: new Date(invite.expiresAt).toLocaleDateString(locale) })}
              </span>
              {!invite.usedAt && (
                <button type="button" className={smallButton} onClick={() => revokeInvite(invite.id)}>
                  {t('revoke')}
                </button>
              )}
            </li>
          ))}
        </ul>
      </Section>
    </div>
  );
}
