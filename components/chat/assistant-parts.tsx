'use client';

import { ListChecks } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type ReactNode, useState } from 'react';
import { cn } from '@/components/ui/cn';
import type { ChatUIMessage, MessageStatus } from '@/lib/chat/types';
import { Markdown } from './markdown';
import { Reasoning, ReasoningContent, ReasoningTrigger } from './reasoning';
import { type AnyToolPart, ToolCall } from './tool-call';

type Part = ChatUIMessage['parts'][number];

function isToolPart(part: Part): part is AnyToolPart {
  return part.type === 'dynamic-tool' || part.type.startsWith('tool-');
}

/** A finished answer that used several tools folds its working (all but the last step) away. */
function Working({ toolCount, children }: { toolCount: number; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const t = useTranslations('message');
  return (
    <div data-testid="tool-summary" data-state={open ? 'open' : 'closed'} className="my-2 rounded-lg border">
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        className="flex w-full items-center gap-2 px-3 py-2 text-start text-sm text-muted-foreground hover:text-foreground"
      >
        <ListChecks className="size-4" aria-hidden />
        {t('usedTools', { count: toolCount })}
      </button>
      <div hidden={!open} className={cn('border-t px-2 pb-1')}>
        {children}
      </div>
    </div>
  );
}

/**
 * The answer as one timeline, in the order things happened: reasoning, tool calls, reasoning again
 * between steps, and the text.
 */
export function AssistantParts({ message, status }: { message: ChatUIMessage; status: MessageStatus }) {
  const streaming = status === 'streaming';
  const durations = message.metadata?.reasoningDurations ?? [];
  const toolDurations = message.metadata?.toolDurations ?? {};
  const reasoningTokens = message.metadata?.usage?.reasoningTokens;
  const reasoningBlocks = message.parts.filter((p) => p.type === 'reasoning' && p.text).length;
  let reasoningIndex = 0;

  const render = (part: Part, index: number): ReactNode => {
    const key = `${message.id}-${index}`;
    if (part.type === 'reasoning') {
      const i = reasoningIndex++;
      const partStreaming = streaming && part.state === 'streaming';
      if (!part.text && !partStreaming) return null;
      return (
        <Reasoning key={key} streaming={partStreaming} durationMs={durations[i]}>
          {/* Usage counts all reasoning of the answer: show it where there is one block. */}
          <ReasoningTrigger tokens={reasoningBlocks === 1 ? reasoningTokens : undefined} />
          <ReasoningContent text={part.text} />
        </Reasoning>
      );
    }
    if (part.type === 'text') {
      if (!part.text) return null;
      return (
        <div key={key} dir="auto" data-testid="message-text">
          <Markdown text={part.text} streaming={streaming && part.state !== 'done'} />
        </div>
      );
    }
    if (isToolPart(part))
      return <ToolCall key={key} part={part} durationMs={toolDurations[part.toolCallId]} />;
    return null;
  };

  const toolCount = message.parts.filter(isToolPart).length;
  const lastStepStart = message.parts.findLastIndex((p) => p.type === 'step-start');
  if (streaming || toolCount < 2 || lastStepStart <= 0) return <>{message.parts.map(render)}</>;
  return (
    <>
      <Working toolCount={toolCount}>{message.parts.slice(0, lastStepStart).map(render)}</Working>
      {message.parts.slice(lastStepStart).map((part, i) => render(part, lastStepStart + i))}
    </>
  );
}
