/**
 * The app's keyboard shortcuts, one table for the handler and the help dialog. "Mod" is ⌘ on macOS
 * and iOS, Ctrl elsewhere. Browser essentials (Ctrl/⌘+N, T, W, L, R, F, P, S…) are left alone; the
 * chords follow ChatGPT's where there is one, so hands that know it feel at home.
 */
export type ShortcutId =
  | 'new-chat'
  | 'search'
  | 'focus-composer'
  | 'stop'
  | 'copy-last-answer'
  | 'toggle-sidebar'
  | 'help';

export interface Shortcut {
  id: ShortcutId;
  /** Its name in the `shortcuts` messages (messages/*.json). */
  label: 'newChat' | 'search' | 'focusComposer' | 'stop' | 'copyLastAnswer' | 'toggleSidebar' | 'help';
  /** Ctrl on Windows/Linux, ⌘ on macOS. */
  mod?: boolean;
  shift?: boolean;
  /** The key as `KeyboardEvent.key` (lower case for letters), e.g. 'o', '/', 'Escape'. */
  key: string;
  /** The physical key (`KeyboardEvent.code`), so letters also match on non-Latin layouts. */
  code?: string;
  /** A note shown in the help dialog (a key of the `shortcuts` messages). */
  note?: 'stopNote';
}

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'new-chat', label: 'newChat', mod: true, shift: true, key: 'o', code: 'KeyO' },
  { id: 'search', label: 'search', mod: true, key: 'k', code: 'KeyK' },
  { id: 'focus-composer', label: 'focusComposer', shift: true, key: 'Escape' },
  { id: 'stop', label: 'stop', key: 'Escape', note: 'stopNote' },
  { id: 'copy-last-answer', label: 'copyLastAnswer', mod: true, shift: true, key: 'c', code: 'KeyC' },
  { id: 'toggle-sidebar', label: 'toggleSidebar', mod: true, shift: true, key: 's', code: 'KeyS' },
  { id: 'help', label: 'help', mod: true, key: '/', code: 'Slash' },
];

/** Apple platforms use ⌘ where others use Ctrl. */
export function isApplePlatform(): boolean {
  if (typeof navigator === 'undefined') return false;
  const data = (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData;
  const platform = data?.platform || navigator.platform || navigator.userAgent;
  return /mac|iphone|ipad|ipod/i.test(platform);
}

/** Whether a key press is this shortcut (exact modifiers: Ctrl+Shift+O is not Ctrl+O). */
export function matchesShortcut(event: KeyboardEvent, shortcut: Shortcut, apple: boolean): boolean {
  const mod = apple ? event.metaKey : event.ctrlKey;
  const otherMod = apple ? event.ctrlKey : event.metaKey;
  if (mod !== Boolean(shortcut.mod) || otherMod || event.altKey) return false;
  if (event.shiftKey !== Boolean(shortcut.shift)) return false;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  return key === shortcut.key || (shortcut.code !== undefined && event.code === shortcut.code);
}

const KEY_NAMES: Record<string, { apple: string; other: string }> = {
  Escape: { apple: 'Esc', other: 'Esc' },
};

/** The keys to show, one entry per key cap: ['⌘', '⇧', 'O'] on a Mac, ['Ctrl', 'Shift', 'O'] elsewhere. */
export function shortcutKeys(shortcut: Shortcut, apple: boolean): string[] {
  const keys: string[] = [];
  if (shortcut.mod) keys.push(apple ? '⌘' : 'Ctrl');
  if (shortcut.shift) keys.push(apple ? '⇧' : 'Shift');
  const named = KEY_NAMES[shortcut.key];
  keys.push(named ? (apple ? named.apple : named.other) : shortcut.key.toUpperCase());
  return keys;
}

/** A shortcut in words, for titles and aria-keyshortcuts-like hints: "Ctrl+Shift+O" or "⌘⇧O". */
export function shortcutLabel(shortcut: Shortcut, apple: boolean): string {
  return shortcutKeys(shortcut, apple).join(apple ? '' : '+');
}

/** Typing in a field: single keys must not be taken from it. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement)
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'range', 'color'].includes(
      target.type,
    );
  return false;
}
