import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { getTranslations } from 'next-intl/server';
import { Message } from '@/components/chat/message';
import { ContinueButton } from '@/components/share/continue-button';
import { getDb } from '@/db/client';
import { recordShareView } from '@/db/queries/shares';
import { sharedSnapshotOf } from '@/lib/share/page';
import { excerptOf } from '@/lib/share/snapshot';

type Props = { params: Promise<{ token: string }> };

const NOT_INDEXED = { index: false, follow: false };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await connection();
  const { token } = await params;
  const snapshot = sharedSnapshotOf(token);
  const t = await getTranslations('meta');
  if (!snapshot) return { title: t('notFound'), robots: NOT_INDEXED };
  const title = snapshot.title || t('sharedConversation');
  const description = excerptOf(snapshot.messages);
  const index = snapshot.options.indexable;
  return {
    title,
    description,
    robots: { index, follow: index },
    // Links in the conversation must not carry this page's address (the token) to other sites.
    referrer: 'no-referrer',
    openGraph: { title, description, type: 'article', siteName: 'GLM Chat' },
    twitter: { card: 'summary_large_image', title, description },
  };
}

/** A shared snapshot, read-only, for anyone with the link. Everything on it was filtered on the server. */
export default async function SharedConversationPage({ params }: Props) {
  await connection();
  const { token } = await params;
  const snapshot = sharedSnapshotOf(token);
  if (!snapshot) notFound();
  recordShareView(getDb(), snapshot.shareId);
  const t = await getTranslations('shared');
  return (
    <div className="min-h-dvh">
      <header className="sticky top-0 z-10 flex h-12 items-center gap-2 border-b bg-background/95 px-4 backdrop-blur">
        <Link href="/" className="whitespace-nowrap font-semibold">
          GLM Chat
        </Link>
        <span className="truncate text-sm text-muted-foreground">{t('readOnly')}</span>
      </header>
      <main className="mx-auto flex w-full max-w-3xl flex-col gap-6 px-4 py-6">
        <h1 dir="auto" className="break-words text-xl font-semibold" data-testid="shared-title">
          {snapshot.title || t('untitled')}
        </h1>
        {snapshot.messages.map((message) => (
          <Message key={message.id} message={message} status={message.metadata?.status ?? 'complete'} />
        ))}
        <div className="flex flex-col items-center gap-2 border-t pt-6 text-center">
          <ContinueButton token={token} />
          <p className="text-xs text-muted-foreground">{t('continueHint')}</p>
        </div>
      </main>
    </div>
  );
}
