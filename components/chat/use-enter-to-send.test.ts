import { describe, expect, it } from 'vitest';
import { type EnterKey, isSendKey } from './use-enter-to-send';

const key = (init: Partial<Omit<EnterKey, 'nativeEvent'>> & { isComposing?: boolean } = {}): EnterKey => ({
  key: init.key ?? 'Enter',
  shiftKey: init.shiftKey ?? false,
  keyCode: init.keyCode ?? 13,
  nativeEvent: { isComposing: init.isComposing ?? false },
});

describe('Enter to send (composer and message editor)', () => {
  it('a plain Enter sends', () => {
    expect(isSendKey(key(), false)).toBe(true);
  });

  it('Shift+Enter breaks the line, other keys type', () => {
    expect(isSendKey(key({ shiftKey: true }), false)).toBe(false);
    expect(isSendKey(key({ key: 'a', keyCode: 65 }), false)).toBe(false);
  });

  it('Enter never sends while an IME composes: between compositionstart and compositionend', () => {
    expect(isSendKey(key(), true)).toBe(false);
  });

  it('Enter never sends when the event itself says it is composing', () => {
    expect(isSendKey(key({ isComposing: true }), false)).toBe(false);
  });

  it('Enter that confirms a candidate after compositionend (keyCode 229, Safari) does not send', () => {
    expect(isSendKey(key({ keyCode: 229 }), false)).toBe(false);
  });
});
