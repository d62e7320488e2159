'use client';

import { Wrench } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { cn } from '@/components/ui/cn';

export interface ToolOption {
  /** What is switched: a built-in tool name, or `mcp:<server>` for all of an MCP server's tools. */
  id: string;
  label: string;
  description: string;
  available: boolean;
  /** Why it cannot be used (not configured, server down). */
  reason?: string;
}

/** The built-in tools' names and descriptions in the UI language (MCP servers keep their own). */
const BUILTIN_KEYS = {
  calculator: 'calculator',
  current_time: 'currentTime',
  run_javascript: 'runJavascript',
  fetch_url: 'fetchUrl',
  web_search: 'webSearch',
} as const;

function isBuiltin(id: string): id is keyof typeof BUILTIN_KEYS {
  return Object.hasOwn(BUILTIN_KEYS, id);
}

/**
 * Which tools GLM may use in this conversation. The ones switched on are listed on the button
 * itself, so what is in use is always visible in the composer.
 */
export function ToolsMenu({
  options,
  enabled,
  onChange,
}: {
  options: ToolOption[];
  enabled: readonly string[];
  onChange: (enabled: string[]) => void;
}) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const t = useTranslations('tools');
  const labelOf = (o: ToolOption) => (isBuiltin(o.id) ? t(`${BUILTIN_KEYS[o.id]}Label`) : o.label);
  const descriptionOf = (o: ToolOption) =>
    isBuiltin(o.id) ? t(`${BUILTIN_KEYS[o.id]}Description`) : o.description;
  const inUse = options.filter((o) => o.available && enabled.includes(o.id));

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (
        event instanceof KeyboardEvent
          ? event.key === 'Escape'
          : !root.current?.contains(event.target as Node)
      ) {
        setOpen(false);
      }
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  return (
    <div ref={root} className="relative min-w-0">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
        title={inUse.length ? t('inUse', { list: inUse.map(labelOf).join(', ') }) : t('none')}
        className={cn(
          'flex max-w-full items-center gap-1 truncate rounded-full border px-2.5 py-1 text-xs',
          inUse.length ? 'text-foreground' : 'text-muted-foreground',
        )}
      >
        <Wrench className="size-3.5 shrink-0" aria-hidden />
        <span className="truncate" data-testid="tools-in-use">
          {inUse.length ? inUse.map(labelOf).join(' · ') : t('off')}
        </span>
      </button>
      {open && (
        <fieldset
          id={panelId}
          aria-label={t('menu')}
          className="absolute bottom-full start-0 z-20 mb-2 w-72 max-w-[85vw] space-y-1 rounded-xl border bg-popover p-2 shadow-lg"
        >
          {options.length === 0 && <p className="p-2 text-sm text-muted-foreground">{t('noneConfigured')}</p>}
          {options.map((option) => (
            <label
              key={option.id}
              className={cn(
                'flex cursor-pointer items-start gap-2 rounded-lg p-2 text-sm hover:bg-accent',
                !option.available && 'cursor-not-allowed opacity-60',
              )}
            >
              <input
                type="checkbox"
                className="mt-1"
                disabled={!option.available}
                checked={option.available && enabled.includes(option.id)}
                onChange={(event) =>
                  onChange(
                    event.target.checked
                      ? [...enabled.filter((id) => id !== option.id), option.id]
                      : enabled.filter((id) => id !== option.id),
                  )
                }
              />
              <span className="min-w-0">
                <span className="block font-medium">{labelOf(option)}</span>
                <span className="block text-xs text-muted-foreground">
                  {option.available ? descriptionOf(option) : option.reason}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}
