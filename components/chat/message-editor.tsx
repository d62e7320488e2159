'use client';

import { useTranslations } from 'next-intl';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useEnterToSend } from './use-enter-to-send';

/**
 * Inline editor of a sent message. "Save and send" makes the edited text a new version of the
 * message (a sibling) and asks GLM again; Escape or Cancel leaves everything as it was.
 * Enter sends, Shift+Enter breaks the line, Enter that ends an IME composition never sends.
 */
export function MessageEditor({
  initialText,
  onSubmit,
  onCancel,
}: {
  initialText: string;
  onSubmit: (text: string) => void;
  onCancel: () => void;
}) {
  const t = useTranslations('message');
  const [text, setText] = useState(initialText);
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);
  const canSend = text.trim().length > 0;
  const submit = () => {
    if (canSend) onSubmit(text);
  };
  const enterToSend = useEnterToSend(submit);
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
      return;
    }
    enterToSend.onKeyDown(event);
  };
  return (
    <form
      className="w-full max-w-[85%] rounded-2xl border bg-card p-2 focus-within:ring-2 focus-within:ring-ring"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <textarea
        ref={box}
        aria-label={t('editMessage')}
        dir="auto"
        rows={Math.min(10, Math.max(2, text.split('\n').length))}
        value={text}
        onChange={(event) => setText(event.target.value)}
        {...enterToSend}
        onKeyDown={onKeyDown}
        className="block w-full resize-y bg-transparent px-2 py-1.5 text-[15px] leading-6 outline-none"
      />
      <div className="mt-1 flex justify-end gap-2">
        <button
          type="button"
          onClick={onCancel}
          className="rounded-lg border px-3 py-1.5 text-sm hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring"
        >
          {t('cancel')}
        </button>
        <button
          type="submit"
          disabled={!canSend}
          className="rounded-lg bg-primary px-3 py-1.5 text-sm text-primary-foreground hover:opacity-90 disabled:opacity-40 focus-visible:outline-2 focus-visible:outline-ring"
        >
          {t('saveAndSend')}
        </button>
      </div>
    </form>
  );
}
