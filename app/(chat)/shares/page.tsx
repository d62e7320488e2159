import type { Metadata } from 'next';
import { connection } from 'next/server';
import { SharedLinks } from '@/components/share/shared-links';
import { getDb } from '@/db/client';
import { listShares } from '@/db/queries/shares';
import { requireViewer } from '@/lib/auth/page';
import { shareJson } from '@/lib/share/http';
import { pageOrigin } from '@/lib/share/page';

export const metadata: Metadata = { title: 'Shared links' };

/** Every link the viewer has made: where it points, when, how often it was opened; revoke. */
export default async function SharedLinksPage() {
  await connection();
  const viewer = await requireViewer('/shares');
  const base = (await pageOrigin()).origin;
  const shares = listShares(getDb(), viewer.id).map((s) => shareJson(s, base));
  return (
    <main className="min-h-0 flex-1 overflow-y-auto">
      <div className="mx-auto max-w-3xl space-y-4 p-4 sm:p-6">
        <h1 className="text-2xl font-semibold">Shared links</h1>
        <p className="text-sm text-muted-foreground">
          Anyone with one of these links can read that conversation as it was when the link was made or last
          updated. Revoking a link stops it at once.
        </p>
        <SharedLinks initialShares={shares} now={Date.now()} />
      </div>
    </main>
  );
}
