'use client';

import { Fragment } from 'react';
import type { ConversationContext } from '@/lib/chat/context-types';
import type { ChatUIMessage, MessageStatus } from '@/lib/chat/types';
import { ContextMarker } from './context-marker';
import { Message } from './message';

export function Thread({
  messages,
  statuses,
  onRegenerate,
  context = null,
}: {
  messages: ChatUIMessage[];
  statuses: MessageStatus[];
  /** Asks the last answer again; absent while an answer streams. */
  onRegenerate?: (messageId: string) => void;
  /** Where the model's context starts: a marker (and the summary) goes before that message. */
  context?: ConversationContext | null;
}) {
  const lastAssistant = messages.findLastIndex((m) => m.role === 'assistant');
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-6 px-4 py-6" aria-live="off">
      {messages.map((message, index) => (
        <Fragment key={message.id}>
          {context && index > 0 && message.id === context.startMessageId && (
            <ContextMarker summary={context.summary} />
          )}
          <Message
            message={message}
            status={statuses[index]}
            onRegenerate={index === lastAssistant ? onRegenerate : undefined}
          />
        </Fragment>
      ))}
    </div>
  );
}
