'use client';

import type { ChatUIMessage, MessageStatus } from '@/lib/chat/types';
import { Message } from './message';

export function Thread({ messages, statuses }: { messages: ChatUIMessage[]; statuses: MessageStatus[] }) {
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-6 px-4 py-6" aria-live="off">
      {messages.map((message, index) => (
        <Message key={message.id} message={message} status={statuses[index]} />
      ))}
    </div>
  );
}
