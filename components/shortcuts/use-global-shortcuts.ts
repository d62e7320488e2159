'use client';

import { useEffect, useRef } from 'react';
import { isApplePlatform, isTypingTarget, matchesShortcut, SHORTCUTS, type ShortcutId } from './shortcuts';

export type ShortcutHandlers = Record<ShortcutId, () => void>;

/**
 * One keydown listener for the app's shortcuts. Modifier chords work everywhere, also while typing
 * (that is what they are for); a bare Escape stops an answer only from the message box or when
 * nothing has focus, so it keeps closing dialogs, menus and the message editor. Nothing fires during
 * an IME composition, or while a dialog other than the shortcuts list is open.
 */
export function useGlobalShortcuts(
  handlers: ShortcutHandlers,
  /** The message box and the Stop button, as selectors (their labels are translated). */
  targets: { composer: string; stop: string },
): void {
  const selectors = useRef(targets);
  selectors.current = targets;
  const current = useRef(handlers);
  current.current = handlers;
  useEffect(() => {
    const apple = isApplePlatform();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || event.keyCode === 229) return;
      const shortcut = SHORTCUTS.find((s) => matchesShortcut(event, s, apple));
      if (!shortcut) return;
      const openDialog = document.querySelector('dialog[open]');
      if (openDialog && !(shortcut.id === 'help' && openDialog.id === 'shortcuts-dialog')) return;
      if (shortcut.id === 'stop') {
        const target = event.target;
        const inComposer = target instanceof Element && target.matches(selectors.current.composer);
        if (!inComposer && isTypingTarget(target)) return;
        if (!document.querySelector(selectors.current.stop)) return;
      }
      event.preventDefault();
      current.current[shortcut.id]();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
