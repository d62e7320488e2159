'use client';

import { type KeyboardEvent, useRef } from 'react';

/** What the keydown handler needs of a key event (a React KeyboardEvent has it). */
export interface EnterKey {
  key: string;
  shiftKey: boolean;
  keyCode: number;
  nativeEvent: { isComposing: boolean };
}

/**
 * Whether a keydown sends: Enter without Shift, and not while an input method (Chinese, Japanese,
 * Korean…) is composing. `composing` is what compositionstart/compositionend said; `isComposing`
 * covers browsers that report the composition on the event only, and keyCode 229 is what browsers
 * report for a key the input method handles (Safari sends compositionend before the keydown of the
 * Enter that confirms a candidate).
 */
export function isSendKey(event: EnterKey, composing: boolean): boolean {
  if (event.key !== 'Enter' || event.shiftKey) return false;
  return !(composing || event.nativeEvent.isComposing || event.keyCode === 229);
}

/**
 * The key handling of a message box: Enter sends, Shift+Enter breaks the line, Enter during an IME
 * composition never sends. Spread the result on the `<textarea>`; a caller with keys of its own
 * handles them first and then calls `onKeyDown`.
 */
export function useEnterToSend(send: () => void) {
  const composing = useRef(false);
  return {
    onKeyDown: (event: KeyboardEvent<HTMLTextAreaElement>) => {
      if (!isSendKey(event, composing.current)) return;
      event.preventDefault();
      send();
    },
    onCompositionStart: () => {
      composing.current = true;
    },
    onCompositionEnd: () => {
      composing.current = false;
    },
  };
}
