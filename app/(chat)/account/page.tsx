import type { Metadata } from 'next';
import { connection } from 'next/server';
import { AccountSettings } from '@/components/account/account-settings';
import { TransferSettings } from '@/components/transfer/transfer-settings';
import { requireViewer } from '@/lib/auth/page';
import { getConfig } from '@/lib/config';
import { MAX_IMPORT_BYTES } from '@/lib/transfer/import';

export const metadata: Metadata = { title: 'Account' };

export default async function AccountPage() {
  await connection();
  const viewer = await requireViewer('/account');
  return (
    <main className="min-h-0 flex-1 overflow-y-auto">
      <div className="mx-auto max-w-xl space-y-4 p-4 sm:p-6">
        <h1 className="text-2xl font-semibold">{viewer.singleUser ? 'Settings' : 'Account'}</h1>
        {viewer.singleUser ? (
          <p className="rounded-xl border p-4 text-sm" data-testid="single-user-mode">
            Single-user mode (<code>AUTH_MODE=none</code>): there is no sign-in, and every conversation
            belongs to this server&apos;s one local owner. Anyone who can reach this address can use it. To
            add accounts, set <code>AUTH_MODE=password</code> and restart: the first account created becomes
            the admin and keeps these conversations.
          </p>
        ) : (
          <>
            <p className="text-sm text-muted-foreground">
              Signed in as <strong>{viewer.name}</strong> ({viewer.email})
              {viewer.role === 'admin' ? ', admin' : ''}.
            </p>
            <AccountSettings minPasswordLength={getConfig().auth.minPasswordLength} />
          </>
        )}
        <TransferSettings maxImportMegabytes={MAX_IMPORT_BYTES / 1024 / 1024} />
      </div>
    </main>
  );
}
