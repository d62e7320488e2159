import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { Chat } from '@/components/chat/chat';
import { getDb } from '@/db/client';
import { getConversation } from '@/db/queries/conversations';
import { getThread } from '@/db/queries/messages';
import { requireViewer } from '@/lib/auth/page';
import { completionReserve } from '@/lib/chat/context';
import { idSchema } from '@/lib/chat/request';
import { getConfig } from '@/lib/config';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await connection();
  const { id } = await params;
  const parsed = idSchema.safeParse(id);
  const conversation = parsed.success
    ? getConversation(getDb(), (await requireViewer()).id, parsed.data)
    : undefined;
  return { title: conversation?.title || 'Chat' };
}

export default async function ConversationPage({ params }: Props) {
  await connection();
  const { id } = await params;
  const viewer = await requireViewer(`/c/${encodeURIComponent(id)}`);
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) notFound();
  const db = getDb();
  const conversation = getConversation(db, viewer.id, parsed.data);
  const messages = conversation ? getThread(db, viewer.id, parsed.data) : undefined;
  if (!conversation || !messages) notFound();
  const tools = conversation.settings.tools;
  const config = getConfig();
  return (
    <Chat
      key={parsed.data}
      id={parsed.data}
      initialMessages={messages}
      initialTools={Array.isArray(tools) ? tools.map(String) : undefined}
      limits={{
        window: config.contextWindow,
        reserve: completionReserve(conversation.settings, config.contextReserve, config.contextWindow),
      }}
      initialContext={conversation.context ?? null}
    />
  );
}
