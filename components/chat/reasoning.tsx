'use client';

import { Brain, ChevronDown } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { createContext, type ReactNode, useContext, useEffect, useId, useRef, useState } from 'react';
import { cn } from '@/components/ui/cn';
import { CopyButton } from './copy-button';

interface ReasoningState {
  open: boolean;
  setOpen: (open: boolean) => void;
  streaming: boolean;
  seconds: number;
  contentId: string;
}

const ReasoningContext = createContext<ReasoningState | null>(null);

function useReasoning(): ReasoningState {
  const state = useContext(ReasoningContext);
  if (!state) throw new Error('Reasoning parts must be used inside <Reasoning>');
  return state;
}

/** Seconds since this block started streaming, ticking once a second while it streams. */
function useElapsedSeconds(streaming: boolean, durationMs: number | undefined): number {
  const startedAt = useRef<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  if (streaming && startedAt.current === null) startedAt.current = now;
  useEffect(() => {
    if (!streaming) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [streaming]);
  if (durationMs !== undefined && !streaming) return Math.max(1, Math.round(durationMs / 1000));
  if (startedAt.current === null) return 0;
  const ms = (streaming ? now : Date.now()) - startedAt.current;
  return streaming ? Math.floor(ms / 1000) : Math.max(1, Math.round(ms / 1000));
}

/**
 * A model's reasoning: open while it streams, folded away once the answer starts, and
 * reopenable. Reads "Thinking… N s" live, then "Thought for N s".
 */
export function Reasoning({
  streaming,
  durationMs,
  children,
}: {
  streaming: boolean;
  durationMs?: number;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(streaming);
  const wasStreaming = useRef(streaming);
  useEffect(() => {
    if (wasStreaming.current && !streaming) setOpen(false);
    wasStreaming.current = streaming;
  }, [streaming]);
  const seconds = useElapsedSeconds(streaming, durationMs);
  const contentId = useId();
  return (
    <ReasoningContext.Provider value={{ open, setOpen, streaming, seconds, contentId }}>
      <div
        data-testid="reasoning"
        data-state={open ? 'open' : 'closed'}
        data-streaming={streaming ? 'true' : 'false'}
        className="my-2 rounded-lg border bg-muted/40"
      >
        {children}
      </div>
    </ReasoningContext.Provider>
  );
}

export function ReasoningTrigger({ tokens }: { tokens?: number }) {
  const { open, setOpen, streaming, seconds, contentId } = useReasoning();
  const t = useTranslations('reasoning');
  return (
    <button
      type="button"
      aria-expanded={open}
      aria-controls={contentId}
      onClick={() => setOpen(!open)}
      className="flex w-full items-center gap-2 rounded-lg px-3 py-2 text-start text-sm text-muted-foreground hover:text-foreground"
    >
      <Brain className={cn('size-4', streaming && 'animate-pulse')} aria-hidden />
      <span data-testid="reasoning-label" aria-live={streaming ? 'off' : 'polite'}>
        {streaming ? t('thinking', { seconds }) : t('thoughtFor', { seconds })}
      </span>
      {!streaming && tokens !== undefined && tokens > 0 && (
        <span className="text-xs tabular-nums" data-testid="reasoning-tokens">
          · {t('tokens', { count: tokens })}
        </span>
      )}
      <ChevronDown className={cn('ms-auto size-4 transition-transform', open && 'rotate-180')} aria-hidden />
    </button>
  );
}

export function ReasoningContent({ text }: { text: string }) {
  const { open, contentId, streaming } = useReasoning();
  const t = useTranslations('reasoning');
  return (
    <div id={contentId} hidden={!open} className="border-t">
      <div
        dir="auto"
        className="max-h-96 overflow-y-auto whitespace-pre-wrap px-3 py-2 text-sm leading-6 text-muted-foreground"
      >
        {text}
      </div>
      {!streaming && (
        <div className="flex justify-end px-1 pb-1">
          <CopyButton text={text} label={t('copy')} />
        </div>
      )}
    </div>
  );
}
