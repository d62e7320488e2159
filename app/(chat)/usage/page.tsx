import type { Metadata } from 'next';
import { connection } from 'next/server';
import { getTranslations } from 'next-intl/server';
import { UsageReport } from '@/components/usage/usage-report';
import { requireViewer } from '@/lib/auth/page';
import { getConfig } from '@/lib/config';
import { perMTokFromPico } from '@/lib/usage/cost';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('meta'))('usage') };
}

/** Tokens and cost per day (the viewer's own; admins also see every user's). */
export default async function UsagePage() {
  await connection();
  const viewer = await requireViewer('/usage');
  const { pricing } = getConfig();
  const t = await getTranslations('usage');
  return (
    <main className="min-h-0 flex-1 overflow-y-auto">
      <div className="mx-auto max-w-4xl space-y-4 p-4 sm:p-6">
        <h1 className="text-2xl font-semibold">{t('heading')}</h1>
        <p className="text-sm text-muted-foreground">
          {t('explain', {
            input: perMTokFromPico(pricing.inputPico),
            cached: perMTokFromPico(pricing.cachedInputPico),
            output: perMTokFromPico(pricing.outputPico),
          })}
        </p>
        <UsageReport isAdmin={viewer.role === 'admin' && !viewer.singleUser} />
      </div>
    </main>
  );
}
