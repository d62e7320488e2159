'use client';

import type { DynamicToolUIPart, ToolUIPart } from 'ai';
import { Wrench } from 'lucide-react';

type AnyToolPart = ToolUIPart | DynamicToolUIPart;

function toolNameOf(part: AnyToolPart): string {
  return part.type === 'dynamic-tool' ? part.toolName : part.type.slice('tool-'.length);
}

const STATE_LABEL: Record<AnyToolPart['state'], string> = {
  'input-streaming': 'Preparing…',
  'input-available': 'Running…',
  'approval-requested': 'Waiting for approval',
  'approval-responded': 'Approved',
  'output-available': 'Done',
  'output-error': 'Failed',
  'output-denied': 'Denied',
};

function pretty(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return String(value);
  }
}

/** One tool call: its name and state, with input and output folded away. */
export function ToolCall({ part }: { part: AnyToolPart }) {
  const name = toolNameOf(part);
  return (
    <details
      data-testid="tool-call"
      data-tool-name={name}
      data-state={part.state}
      className="my-2 rounded-lg border bg-muted/40 text-sm"
    >
      <summary className="flex cursor-pointer items-center gap-2 px-3 py-2 text-muted-foreground">
        <Wrench className="size-4" aria-hidden />
        <span className="font-mono text-foreground">{name}</span>
        <span className="ms-auto text-xs">{STATE_LABEL[part.state]}</span>
      </summary>
      <div className="space-y-2 border-t px-3 py-2">
        <pre dir="ltr" className="overflow-x-auto whitespace-pre-wrap font-mono text-xs">
          {pretty(part.input)}
        </pre>
        {part.state === 'output-available' && (
          <pre dir="ltr" className="overflow-x-auto whitespace-pre-wrap font-mono text-xs">
            {pretty(part.output)}
          </pre>
        )}
        {part.state === 'output-error' && <p className="text-destructive">{part.errorText}</p>}
      </div>
    </details>
  );
}
