import { describe, expect, it } from 'vitest';
import { matchesShortcut, SHORTCUTS, type ShortcutId, shortcutKeys, shortcutLabel } from './shortcuts';

const byId = (id: ShortcutId) => {
  const shortcut = SHORTCUTS.find((s) => s.id === id);
  if (!shortcut) throw new Error(id);
  return shortcut;
};

function press(
  key: string,
  mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {},
  code = '',
) {
  return {
    key,
    code,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...mods,
  } as KeyboardEvent;
}

describe('keyboard shortcuts', () => {
  it('use Ctrl elsewhere and ⌘ on Apple platforms, with exact modifiers', () => {
    const newChat = byId('new-chat');
    expect(matchesShortcut(press('O', { ctrlKey: true, shiftKey: true }, 'KeyO'), newChat, false)).toBe(true);
    expect(matchesShortcut(press('O', { metaKey: true, shiftKey: true }, 'KeyO'), newChat, true)).toBe(true);
    // The other platform's modifier, a missing Shift, or an extra Alt is not the shortcut.
    expect(matchesShortcut(press('O', { metaKey: true, shiftKey: true }, 'KeyO'), newChat, false)).toBe(
      false,
    );
    expect(matchesShortcut(press('O', { ctrlKey: true, shiftKey: true }, 'KeyO'), newChat, true)).toBe(false);
    expect(matchesShortcut(press('o', { ctrlKey: true }, 'KeyO'), newChat, false)).toBe(false);
    expect(
      matchesShortcut(press('O', { ctrlKey: true, shiftKey: true, altKey: true }, 'KeyO'), newChat, false),
    ).toBe(false);
  });

  it('match the physical key on other keyboard layouts', () => {
    // Ctrl+K on a Russian layout types "л".
    expect(matchesShortcut(press('л', { ctrlKey: true }, 'KeyK'), byId('search'), false)).toBe(true);
    expect(matchesShortcut(press('/', { ctrlKey: true }, 'Slash'), byId('help'), false)).toBe(true);
  });

  it('leave the browser’s own chords alone', () => {
    for (const [key, shift] of [
      ['n', false],
      ['t', false],
      ['w', false],
      ['l', false],
      ['r', false],
      ['f', false],
      ['p', false],
      ['s', false],
      ['n', true],
      ['t', true],
    ] as const) {
      const event = press(key, { ctrlKey: true, shiftKey: shift }, `Key${key.toUpperCase()}`);
      expect(SHORTCUTS.filter((s) => matchesShortcut(event, s, false)).map((s) => s.id)).toEqual([]);
    }
  });

  it('Escape stops, Shift+Escape focuses the message box', () => {
    expect(matchesShortcut(press('Escape'), byId('stop'), false)).toBe(true);
    expect(matchesShortcut(press('Escape', { shiftKey: true }), byId('stop'), false)).toBe(false);
    expect(matchesShortcut(press('Escape', { shiftKey: true }), byId('focus-composer'), false)).toBe(true);
  });

  it('show the keys of the platform', () => {
    expect(shortcutKeys(byId('new-chat'), false)).toEqual(['Ctrl', 'Shift', 'O']);
    expect(shortcutKeys(byId('new-chat'), true)).toEqual(['⌘', '⇧', 'O']);
    expect(shortcutLabel(byId('copy-last-answer'), false)).toBe('Ctrl+Shift+C');
    expect(shortcutLabel(byId('copy-last-answer'), true)).toBe('⌘⇧C');
    expect(shortcutLabel(byId('focus-composer'), true)).toBe('⇧Esc');
  });
});
