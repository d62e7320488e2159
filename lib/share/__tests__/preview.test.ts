import { describe, expect, it } from 'vitest';
import { previewText } from '../preview';
import { excerptOf } from '../snapshot';

describe('preview text', () => {
  it('keeps what the bundled font draws and leaves out the rest (no font is ever fetched)', () => {
    expect(previewText('Café — “naïve” résumé…', 80)).toBe('Café — “naïve” résumé…');
    expect(previewText('Hello 世界 🌍 Привет', 80)).toBe('Hello');
    expect(previewText('日本語', 80)).toBe('');
  });

  it('is cut to length', () => {
    expect(previewText('a '.repeat(100), 11)).toBe('a a a a a…');
  });

  it('excerpts the first message’s text', () => {
    expect(
      excerptOf([
        { id: 'a', role: 'user', parts: [{ type: 'text', text: 'First\n\nline' }] },
        { id: 'b', role: 'assistant', parts: [{ type: 'text', text: 'Second' }] },
      ]),
    ).toBe('First line');
  });
});
