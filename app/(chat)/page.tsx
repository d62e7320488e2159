import { randomUUID } from 'node:crypto';
import { connection } from 'next/server';
import { Chat } from '@/components/chat/chat';
import { getDb } from '@/db/client';
import { requireViewer } from '@/lib/auth/page';
import { userDefaultSettings } from '@/lib/chat/conversation-settings';
import { getConfig } from '@/lib/config';

/** A new chat. Its id is made here (crypto.randomUUID is unavailable to pages served over plain HTTP). */
export default async function NewChatPage() {
  await connection();
  const viewer = await requireViewer('/');
  const id = randomUUID();
  // A new conversation starts from the user's default settings (which start from the app's).
  const config = getConfig();
  return (
    <Chat
      key={id}
      id={id}
      initialMessages={[]}
      initialSettings={userDefaultSettings(getDb(), viewer.id)}
      limits={{ window: config.contextWindow, reserve: config.contextReserve }}
    />
  );
}
