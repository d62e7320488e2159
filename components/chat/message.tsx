'use client';

import type { DynamicToolUIPart, ToolUIPart } from 'ai';
import { Check, Copy } from 'lucide-react';
import { memo, useState } from 'react';
import { cn } from '@/components/ui/cn';
import type { ChatUIMessage, MessageStatus } from '@/lib/chat/types';
import { Markdown } from './markdown';
import { Reasoning, ReasoningContent, ReasoningTrigger } from './reasoning';
import { ToolCall } from './tool-call';

function isToolPart(part: ChatUIMessage['parts'][number]): part is ToolUIPart | DynamicToolUIPart {
  return part.type === 'dynamic-tool' || part.type.startsWith('tool-');
}

function plainText(message: ChatUIMessage): string {
  return message.parts
    .map((p) => (p.type === 'text' ? p.text : ''))
    .filter(Boolean)
    .join('\n\n');
}

const STATUS_NOTE: Partial<Record<MessageStatus, string>> = {
  stopped: 'Stopped',
  interrupted: 'Interrupted: the server stopped before this answer was finished.',
};

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      aria-label="Copy"
      title="Copy"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        } catch {
          // Clipboard refused (insecure context or permissions): nothing to copy into.
        }
      }}
      className="rounded-md p-1.5 text-muted-foreground hover:bg-accent hover:text-foreground"
    >
      {copied ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />}
    </button>
  );
}

function AssistantParts({ message, status }: { message: ChatUIMessage; status: MessageStatus }) {
  const streaming = status === 'streaming';
  const durations = message.metadata?.reasoningDurations ?? [];
  let reasoningIndex = 0;
  return (
    <>
      {message.parts.map((part, index) => {
        const key = `${message.id}-${index}`;
        if (part.type === 'reasoning') {
          const i = reasoningIndex++;
          const partStreaming = streaming && part.state === 'streaming';
          if (!part.text && !partStreaming) return null;
          return (
            <Reasoning key={key} streaming={partStreaming} durationMs={durations[i]}>
              <ReasoningTrigger />
              <ReasoningContent text={part.text} />
            </Reasoning>
          );
        }
        if (part.type === 'text') {
          return (
            <div key={key} dir="auto" data-testid="message-text">
              <Markdown text={part.text} streaming={streaming && part.state !== 'done'} />
            </div>
          );
        }
        if (isToolPart(part)) return <ToolCall key={key} part={part} />;
        return null;
      })}
    </>
  );
}

/** One message of the thread. Memoised: only the message whose parts change re-renders. */
export const Message = memo(function Message({
  message,
  status,
}: {
  message: ChatUIMessage;
  status: MessageStatus;
}) {
  const isUser = message.role === 'user';
  const note = STATUS_NOTE[status];
  return (
    <article
      data-role={message.role}
      data-status={status}
      data-message-id={message.id}
      aria-label={isUser ? 'Your message' : 'GLM’s answer'}
      aria-busy={status === 'streaming'}
      className={cn('group flex w-full flex-col', isUser ? 'items-end' : 'items-start')}
    >
      {isUser ? (
        <div
          dir="auto"
          data-testid="message-text"
          className="max-w-[85%] whitespace-pre-wrap break-words rounded-2xl bg-secondary px-4 py-2.5 text-[15px] leading-7"
        >
          {plainText(message)}
        </div>
      ) : (
        <div className="w-full min-w-0">
          <AssistantParts message={message} status={status} />
          {status === 'streaming' && message.parts.length === 0 && (
            <p className="text-sm text-muted-foreground">
              <span className="inline-block size-2 animate-pulse rounded-full bg-current" aria-hidden />{' '}
              Waiting for GLM…
            </p>
          )}
          {status === 'error' && (
            <p
              role="alert"
              className="mt-2 rounded-lg border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm"
            >
              {message.metadata?.errorText ?? 'The answer could not be completed.'}
            </p>
          )}
          {note && <p className="mt-1 text-xs text-muted-foreground">{note}</p>}
        </div>
      )}
      {status !== 'streaming' && (
        <div className="mt-1 flex gap-1 opacity-70 transition-opacity group-hover:opacity-100 focus-within:opacity-100">
          <CopyButton text={plainText(message)} />
        </div>
      )}
    </article>
  );
});
