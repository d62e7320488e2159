import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { Chat } from '@/components/chat/chat';
import { JumpToMessage } from '@/components/sidebar/jump-to-message';
import { getDb } from '@/db/client';
import { activateMessage } from '@/db/queries/branches';
import { getConversation } from '@/db/queries/conversations';
import { requireViewer } from '@/lib/auth/page';
import { conversationPage } from '@/lib/chat/branches';
import { conversationSettings } from '@/lib/chat/conversation-settings';
import { idSchema } from '@/lib/chat/request';
import { getConfig } from '@/lib/config';
import { NotFoundError } from '@/lib/errors';

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
  // Opened from a search result: the branch that holds the message becomes the active one.
  let jumpTo: string | undefined;
  if (conversation && jump.success) {
    try {
      activateMessage(db, viewer.id, parsed.data, jump.data);
      jumpTo = jump.data;
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
  // The newest page of the active branch (reaching back to a search hit); older pages load on scroll.
  const view = conversation ? conversationPage(db, viewer.id, parsed.data, { include: jumpTo }) : undefined;
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
