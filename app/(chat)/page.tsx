import { randomUUID } from 'node:crypto';
import { connection } from 'next/server';
import { Chat } from '@/components/chat/chat';
import { getConfig } from '@/lib/config';

/** A new chat. Its id is made here (crypto.randomUUID is unavailable to pages served over plain HTTP). */
export default async function NewChatPage() {
  await connection();
  const id = randomUUID();
  const config = getConfig();
  return (
    <Chat
      key={id}
      id={id}
      initialMessages={[]}
      limits={{ window: config.contextWindow, reserve: config.contextReserve }}
    />
  );
}
