'use client';

import type { ChatUIMessage, MessageStatus } from '@/lib/chat/types';
import { Message } from './message';

export function Thread({
  messages,
  statuses,
  onRegenerate,
}: {
  messages: ChatUIMessage[];
  statuses: MessageStatus[];
  /** Asks the last answer again; absent while an answer streams. */
  onRegenerate?: (messageId: string) => void;
}) {
  const lastAssistant = messages.findLastIndex((m) => m.role === 'assistant');
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-6 px-4 py-6" aria-live="off">
      {messages.map((message, index) => (
        <Message
          key={message.id}
          message={message}
          status={statuses[index]}
          onRegenerate={index === lastAssistant ? onRegenerate : undefined}
        />
      ))}
    </div>
  );
}
