import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { Chat } from '@/components/chat/chat';
import { JumpToMessage } from '@/components/sidebar/jump-to-message';
import { getDb } from '@/db/client';
import { getConversation } from '@/db/queries/conversations';
import { requireViewer } from '@/lib/auth/page';
import { conversationPage } from '@/lib/chat/branches';
import { conversationSettings } from '@/lib/chat/conversation-settings';
import { idSchema } from '@/lib/chat/request';
import { getConfig } from '@/lib/config';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ m?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await connection();
  const { id } = await params;
  const parsed = idSchema.safeParse(id);
  const conversation = parsed.success
    ? getConversation(getDb(), (await requireViewer()).id, parsed.data)
    : undefined;
  return { title: conversation?.title || 'Chat' };
}

export default async function ConversationPage({ params, searchParams }: Props) {
  await connection();
  const { id } = await params;
  const { m } = await searchParams;
  const viewer = await requireViewer(`/c/${encodeURIComponent(id)}`);
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) notFound();
  const db = getDb();
  const jump = idSchema.safeParse(m);
  const conversation = getConversation(db, viewer.id, parsed.data);
  // Opened from a search result: the page shows the branch that holds the message, read from the
  // address only. A GET stores nothing (a link from another site must not move the branch); the
  // stored branch moves when the reader sends, regenerates or switches versions here.
  const hit = conversation && jump.success ? jump.data : undefined;
  // The newest page of that branch (reaching back to the hit); older pages load on scroll.
  const view = conversation
    ? conversationPage(db, viewer.id, parsed.data, { view: hit, include: hit })
    : undefined;
  const jumpTo = hit && view?.messages.some((m) => m.id === hit) ? hit : undefined;
  if (!conversation || !view) notFound();
  const tools = conversation.settings.tools;
  const config = getConfig();
  return (
    <>
      <Chat
        key={jumpTo ? `${parsed.data}:${jumpTo}` : parsed.data}
        id={parsed.data}
        initialMessages={view.messages}
        initialOlderCursor={view.olderCursor}
        initialSiblings={view.siblings}
        initialTools={Array.isArray(tools) ? tools.map(String) : undefined}
        initialSettings={conversationSettings(db, viewer.id, parsed.data)}
        limits={{
          window: config.contextWindow,
          // The default room for the answer; the page applies the conversation's max completion tokens.
          reserve: config.contextReserve,
        }}
        initialContext={conversation.context ?? null}
      />
      {jumpTo && <JumpToMessage conversationId={parsed.data} messageId={jumpTo} />}
    </>
  );
}
