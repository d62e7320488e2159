'use client';

import { ArrowUp, Brain, Square } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type FormEvent, memo, type ReactNode, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { cn } from '@/components/ui/cn';
import { useEnterToSend } from './use-enter-to-send';

const MAX_HEIGHT_PX = 240;

/**
 * The message box. Enter sends, Shift+Enter breaks the line, and Enter that confirms an IME
 * composition (Chinese, Japanese, Korean input) never sends. Memoised: it does not re-render with
 * each streamed update of the thread.
 */
export const Composer = memo(function Composer({
  busy,
  onSend,
  onStop,
  thinking,
  onThinkingChange,
  toolsMenu,
  onDraftChange,
  meter,
  resetKey,
}: {
  busy: boolean;
  /**
   * Returns false to keep the text in the box (e.g. the context-window dialog opened instead), or a
   * promise: the box keeps the text until it resolves true (the server took the message).
   */
  onSend: (text: string) => boolean | undefined | Promise<boolean>;
  onStop: () => void;
  /** The "Think" switch for the next message. */
  thinking: boolean;
  onThinkingChange: (thinking: boolean) => void;
  /** The tools control, shown beside the Think switch. */
  toolsMenu?: ReactNode;
  /** Told the draft as it is typed (the context meter estimates it). */
  onDraftChange?: (text: string) => void;
  /** The context-window meter, shown before the Send button. */
  meter?: ReactNode;
  /** Changing it empties the box (a held-back draft was sent after all). */
  resetKey?: number;
}) {
  const t = useTranslations('composer');
  const [text, setText] = useState('');
  useEffect(() => {
    onDraftChange?.(text);
  }, [text, onDraftChange]);
  useEffect(() => {
    if (resetKey) setText('');
  }, [resetKey]);
  const textarea = useRef<HTMLTextAreaElement>(null);

  // Grow with the text up to a limit, then scroll.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-measure whenever the text changes
  useLayoutEffect(() => {
    const el = textarea.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, MAX_HEIGHT_PX)}px`;
  }, [text]);

  const canSend = text.trim().length > 0 && !busy;

  const submit = () => {
    if (!canSend) return;
    const sent = onSend(text);
    if (sent === false) return;
    if (sent instanceof Promise) {
      const draft = text;
      // Emptied once the server took it, unless the reader has changed the box meanwhile.
      void sent.then((accepted) => {
        if (accepted) setText((current) => (current === draft ? '' : current));
      });
      return;
    }
    setText('');
  };

  const enterToSend = useEnterToSend(submit);

  return (
    <form
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        submit();
      }}
      className="mx-auto w-full max-w-3xl px-3 pb-3 sm:px-4 sm:pb-4"
    >
      <div className="rounded-2xl border bg-card p-2 shadow-sm focus-within:ring-2 focus-within:ring-ring">
        <textarea
          ref={textarea}
          aria-label={t('message')}
          placeholder={t('placeholder')}
          rows={1}
          dir="auto"
          value={text}
          onChange={(e) => setText(e.target.value)}
          {...enterToSend}
          className="block max-h-60 min-h-10 w-full resize-none bg-transparent px-2 py-2 text-[15px] leading-6 outline-none placeholder:text-muted-foreground"
        />
        <div className="flex items-center gap-1.5">
          <button
            type="button"
            aria-pressed={thinking}
            onClick={() => onThinkingChange(!thinking)}
            title={thinking ? t('thinkOn') : t('thinkOff')}
            className={cn(
              'flex items-center gap-1 rounded-full border px-2.5 py-1 text-xs',
              thinking ? 'border-primary/50 bg-primary/10 text-foreground' : 'text-muted-foreground',
            )}
          >
            <Brain className="size-3.5" aria-hidden />
            {t('think')}
          </button>
          {toolsMenu}
          <span className="ms-auto" />
          {meter}
          {busy ? (
            <button
              type="button"
              aria-label={t('stop')}
              title={t('stop')}
              onClick={onStop}
              className="flex size-10 shrink-0 items-center justify-center rounded-xl bg-foreground text-background hover:opacity-90"
            >
              <Square className="size-4 fill-current" aria-hidden />
            </button>
          ) : (
            <button
              type="submit"
              aria-label={t('send')}
              title={t('send')}
              disabled={!canSend}
              className="flex size-10 shrink-0 items-center justify-center rounded-xl bg-primary text-primary-foreground hover:opacity-90 disabled:opacity-40"
            >
              <ArrowUp className="size-5" aria-hidden />
            </button>
          )}
        </div>
      </div>
      <p className="mt-1.5 text-center text-xs text-muted-foreground">{t('footer')}</p>
    </form>
  );
});
