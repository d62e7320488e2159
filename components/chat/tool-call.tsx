'use client';

import type { DynamicToolUIPart, ToolUIPart } from 'ai';
import { AlertTriangle, Ban, Check, ChevronDown, Loader2, Wrench } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useState } from 'react';
import { cn } from '@/components/ui/cn';

export type AnyToolPart = ToolUIPart | DynamicToolUIPart;

export function toolNameOf(part: AnyToolPart): string {
  return part.type === 'dynamic-tool' ? part.toolName : part.type.slice('tool-'.length);
}

/** MCP tools are named `server__tool`; show them as "server · tool". */
function displayName(name: string): string {
  const at = name.indexOf('__');
  return at > 0 ? `${name.slice(0, at)} · ${name.slice(at + 2)}` : name;
}

const STATE_LABEL = {
  'input-streaming': 'preparing',
  'input-available': 'running',
  'approval-requested': 'waitingApproval',
  'approval-responded': 'approved',
  'output-available': 'done',
  'output-error': 'error',
  'output-denied': 'denied',
} as const satisfies Record<AnyToolPart['state'], string>;

const CLIP_CHARS = 1200;

function pretty(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return String(value);
  }
}

function Clipped({ label, text }: { label: string; text: string }) {
  const [all, setAll] = useState(false);
  const clipped = !all && text.length > CLIP_CHARS;
  const t = useTranslations('tool');
  return (
    <div>
      <div className="mb-1 text-xs font-medium text-muted-foreground">{label}</div>
      <pre
        dir="ltr"
        className="max-h-96 overflow-auto whitespace-pre-wrap break-words rounded-md bg-background p-2 font-mono text-xs"
      >
        {clipped ? `${text.slice(0, CLIP_CHARS)}…` : text}
      </pre>
      {clipped && (
        <button type="button" onClick={() => setAll(true)} className="mt-1 text-xs text-primary underline">
          {t('showAll', { count: text.length })}
        </button>
      )}
    </div>
  );
}

/** Seconds a running call has been running, ticking while it runs. */
function useRunningSeconds(running: boolean): number {
  const [startedAt] = useState(() => Date.now());
  const [now, setNow] = useState(startedAt);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return Math.floor((now - startedAt) / 1000);
}

function formatDuration(ms: number, t: ReturnType<typeof useTranslations<'tool'>>): string {
  if (ms < 1000) return t('milliseconds', { value: ms });
  return t('seconds', { value: Number((ms / 1000).toFixed(ms < 10_000 ? 1 : 0)) });
}

/** One tool call: name, state and duration, with its input and output folded away. */
export function ToolCall({ part, durationMs }: { part: AnyToolPart; durationMs?: number }) {
  const name = toolNameOf(part);
  const t = useTranslations('tool');
  const [open, setOpen] = useState(false);
  const bodyId = useId();
  const running = part.state === 'input-streaming' || part.state === 'input-available';
  const seconds = useRunningSeconds(running);
  const icon = running ? (
    <Loader2 className="size-3.5 animate-spin" aria-hidden />
  ) : part.state === 'output-error' ? (
    <AlertTriangle className="size-3.5 text-destructive" aria-hidden />
  ) : part.state === 'output-denied' ? (
    <Ban className="size-3.5" aria-hidden />
  ) : (
    <Check className="size-3.5" aria-hidden />
  );
  const timing = running
    ? t('seconds', { value: seconds })
    : durationMs !== undefined
      ? formatDuration(durationMs, t)
      : '';
  const input = part.state === 'input-streaming' && part.input === undefined ? '' : pretty(part.input);
  return (
    <div
      data-testid="tool-call"
      data-tool-name={name}
      data-state={part.state}
      className="my-2 rounded-lg border bg-muted/40 text-sm"
    >
      <button
        type="button"
        aria-expanded={open}
        aria-controls={bodyId}
        onClick={() => setOpen(!open)}
        className="flex w-full items-center gap-2 px-3 py-2 text-start text-muted-foreground hover:text-foreground"
      >
        <Wrench className="size-4 shrink-0" aria-hidden />
        <span className="truncate font-mono text-foreground">{displayName(name)}</span>
        <span className="ms-auto flex shrink-0 items-center gap-1.5 text-xs" data-testid="tool-state">
          {icon}
          {t(STATE_LABEL[part.state])}
          {timing && <span className="tabular-nums">· {timing}</span>}
        </span>
        <ChevronDown
          className={cn('size-4 shrink-0 transition-transform', open && 'rotate-180')}
          aria-hidden
        />
      </button>
      <div id={bodyId} hidden={!open} className="space-y-2 border-t px-3 py-2">
        <Clipped label={t('input')} text={input || (running ? '…' : '{}')} />
        {part.state === 'output-available' && <Clipped label={t('output')} text={pretty(part.output)} />}
        {part.state === 'output-error' && (
          <p className="text-destructive" data-testid="tool-error">
            {part.errorText}
          </p>
        )}
      </div>
    </div>
  );
}
