'use client';

import type { SiblingMap } from '@/db/queries/branches';
import type { ChatUIMessage, MessageStatus } from '@/lib/chat/types';
import { Message } from './message';

export function Thread({
  messages,
  statuses,
  siblings,
  onRegenerate,
  onEdit,
  onSelectVersion,
}: {
  messages: ChatUIMessage[];
  statuses: MessageStatus[];
  /** The versions of each message on the path that has more than one. */
  siblings: SiblingMap;
  /** Asks the last answer again; absent while an answer streams. */
  onRegenerate?: (messageId: string) => void;
  /** Sends an edited version of a user message; absent while an answer streams. */
  onEdit?: (messageId: string, text: string) => void;
  /** Shows another version of a message; absent while an answer streams. */
  onSelectVersion?: (messageId: string) => void;
}) {
  const lastAssistant = messages.findLastIndex((m) => m.role === 'assistant');
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-6 px-4 py-6" aria-live="off">
      {messages.map((message, index) => {
        const versions = siblings[message.id];
        const at = versions ? versions.indexOf(message.id) : -1;
        const hasVersions = versions !== undefined && at >= 0;
        return (
          <Message
            key={message.id}
            message={message}
            status={statuses[index]}
            onRegenerate={index === lastAssistant ? onRegenerate : undefined}
            onEdit={message.role === 'user' ? onEdit : undefined}
            versionIndex={hasVersions ? at : undefined}
            versionCount={hasVersions ? versions.length : undefined}
            previousVersionId={hasVersions ? versions[at - 1] : undefined}
            nextVersionId={hasVersions ? versions[at + 1] : undefined}
            onSelectVersion={onSelectVersion}
          />
        );
      })}
    </div>
  );
}
