import type { Metadata } from 'next';
import { connection } from 'next/server';
import { getTranslations } from 'next-intl/server';
import { SharedLinks } from '@/components/share/shared-links';
import { getDb } from '@/db/client';
import { listShares } from '@/db/queries/shares';
import { requireViewer } from '@/lib/auth/page';
import { shareJson } from '@/lib/share/http';
import { pageOrigin } from '@/lib/share/page';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('meta'))('sharedLinks') };
}

/** Every link the viewer has made: where it points, when, how often it was opened; revoke. */
export default async function SharedLinksPage() {
  await connection();
  const viewer = await requireViewer('/shares');
  const base = (await pageOrigin()).origin;
  const t = await getTranslations('shares');
  const shares = listShares(getDb(), viewer.id).map((s) => shareJson(s, base));
  return (
    <main className="min-h-0 flex-1 overflow-y-auto">
      <div className="mx-auto max-w-3xl space-y-4 p-4 sm:p-6">
        <h1 className="text-2xl font-semibold">{t('heading')}</h1>
        <p className="text-sm text-muted-foreground">{t('explain')}</p>
        <SharedLinks initialShares={shares} now={Date.now()} />
      </div>
    </main>
  );
}
