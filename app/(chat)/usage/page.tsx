import type { Metadata } from 'next';
import { connection } from 'next/server';
import { UsageReport } from '@/components/usage/usage-report';
import { requireViewer } from '@/lib/auth/page';
import { getConfig } from '@/lib/config';
import { perMTokFromPico } from '@/lib/usage/cost';

export const metadata: Metadata = { title: 'Usage' };

/** Tokens and cost per day (the viewer's own; admins also see every user's). */
export default async function UsagePage() {
  await connection();
  const viewer = await requireViewer('/usage');
  const { pricing } = getConfig();
  return (
    <main className="min-h-0 flex-1 overflow-y-auto">
      <div className="mx-auto max-w-4xl space-y-4 p-4 sm:p-6">
        <h1 className="text-2xl font-semibold">Usage</h1>
        <p className="text-sm text-muted-foreground">
          Tokens GLM used for your answers and summaries, and what they cost. Current prices per million
          tokens: ${perMTokFromPico(pricing.inputPico)} input, ${perMTokFromPico(pricing.cachedInputPico)}{' '}
          cached input, ${perMTokFromPico(pricing.outputPico)} output (reasoning counts as output). Each
          answer keeps the prices it was made at.
        </p>
        <UsageReport isAdmin={viewer.role === 'admin' && !viewer.singleUser} />
      </div>
    </main>
  );
}
