import type { Metadata } from 'next';
import { connection } from 'next/server';
import { getTranslations } from 'next-intl/server';
import { AccountSettings } from '@/components/account/account-settings';
import { LanguageSelect } from '@/components/settings/language-select';
import { Section } from '@/components/ui/section';
import { requireViewer } from '@/lib/auth/page';
import { getConfig } from '@/lib/config';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta');
  return { title: getConfig().auth.mode === 'none' ? t('settings') : t('account') };
}

export default async function AccountPage() {
  await connection();
  const viewer = await requireViewer('/account');
  const t = await getTranslations('account');
  const tl = await getTranslations('language');
  return (
    <main className="min-h-0 flex-1 overflow-y-auto">
      <div className="mx-auto max-w-xl space-y-4 p-4 sm:p-6">
        <h1 className="text-2xl font-semibold">{viewer.singleUser ? t('settings') : t('account')}</h1>
        <Section title={tl('label')}>
          <p className="text-sm text-muted-foreground">{tl('hint')}</p>
          <LanguageSelect />
        </Section>
        {viewer.singleUser ? (
          <p className="rounded-xl border p-4 text-sm" data-testid="single-user-mode">
            {t.rich('singleUser', { code: (chunks) => <code>{chunks}</code> })}
          </p>
        ) : (
          <>
            <p className="text-sm text-muted-foreground">
              {t.rich(viewer.role === 'admin' ? 'signedInAsAdmin' : 'signedInAs', {
                name: viewer.name,
                email: viewer.email,
                strong: (chunks) => <strong>{chunks}</strong>,
              })}
            </p>
            <AccountSettings minPasswordLength={getConfig().auth.minPasswordLength} />
          </>
        )}
      </div>
    </main>
  );
}
