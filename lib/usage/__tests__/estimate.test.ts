import { describe, expect, it } from 'vitest';
import { contextFill } from '@/lib/usage/context-meter';
import { estimateMessageTokens, estimateTokens, TOKENS_PER_MESSAGE } from '@/lib/usage/estimate';

describe('token estimate', () => {
  it('counts about 3.5 Latin characters per token, rounded up', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abc')).toBe(1);
    expect(estimateTokens('abcdefg')).toBe(2);
    expect(estimateTokens('a'.repeat(350))).toBe(100);
  });

  it('counts one token per CJK character (Han, kana, hangul, fullwidth)', () => {
    expect(estimateTokens('你好世界')).toBe(4);
    expect(estimateTokens('こんにちは')).toBe(5);
    expect(estimateTokens('안녕하세요')).toBe(5);
    expect(estimateTokens('ＡＢＣ')).toBe(3);
    // Mixed: 2 Han + 7 Latin characters (ceil(7 / 3.5) = 2).
    expect(estimateTokens('中文 and en')).toBe(2 + 2);
  });

  it('counts emoji and other scripts as non-CJK characters', () => {
    expect(estimateTokens('Привет')).toBe(2);
    expect(estimateTokens('😀😀😀')).toBe(1);
  });

  it('counts astral CJK (Extension B) as one token each and a lone surrogate as a character', () => {
    expect(estimateTokens('𠀀𠀁 abc')).toBe(2 + 2);
    expect(estimateTokens('\ud800abc')).toBe(2);
  });

  it('counts a message’s text, reasoning and tool input/output, plus the role markers', () => {
    const tokens = estimateMessageTokens({
      parts: [
        { type: 'reasoning', text: 'a'.repeat(35) },
        { type: 'text', text: 'b'.repeat(70) },
      ],
    });
    expect(tokens).toBe(TOKENS_PER_MESSAGE + 10 + 20);
  });
});

describe('context fill (the meter)', () => {
  it('is exact from the last answer and adds estimates for what came after it', () => {
    const fill = contextFill(
      [
        { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'hi' }] },
        {
          id: 'a1',
          role: 'assistant',
          parts: [{ type: 'text', text: 'x' }],
          metadata: { contextTokens: 500, createdAt: 10 },
        },
        { id: 'u2', role: 'user', parts: [{ type: 'text', text: 'a'.repeat(35) }] },
      ],
      null,
    );
    expect(fill).toEqual({ tokens: 500 + TOKENS_PER_MESSAGE + 10, exact: true });
  });

  it('after a newer cut, estimates only what is still sent (the summary and the kept turns)', () => {
    const fill = contextFill(
      [
        { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'a'.repeat(3500) }] },
        {
          id: 'a1',
          role: 'assistant',
          parts: [{ type: 'text', text: 'x' }],
          metadata: { contextTokens: 1500, createdAt: 10 },
        },
        { id: 'u2', role: 'user', parts: [{ type: 'text', text: 'a'.repeat(35) }] },
        {
          id: 'a2',
          role: 'assistant',
          parts: [{ type: 'text', text: 'a'.repeat(35) }],
          metadata: { contextTokens: 1600, createdAt: 20 },
        },
      ],
      { startMessageId: 'u2', mode: 'drop', createdAt: 30, estimatedTokens: 0 },
    );
    expect(fill).toEqual({ tokens: 2 * (TOKENS_PER_MESSAGE + 10), exact: false });
  });

  it('a newer cut whose start is above the messages loaded reads the server’s estimate of it', () => {
    const loaded = [
      { id: 'u9', role: 'user' as const, parts: [{ type: 'text' as const, text: 'a'.repeat(35) }] },
      {
        id: 'a9',
        role: 'assistant' as const,
        parts: [{ type: 'text' as const, text: 'x' }],
        metadata: { contextTokens: 1600, createdAt: 20 },
      },
    ];
    const cut = { startMessageId: 'u2', mode: 'drop' as const, createdAt: 30, estimatedTokens: 777 };
    expect(contextFill(loaded, cut, true)).toEqual({ tokens: 777, exact: false });
    // An answer after the cut reported its count: that is exact, wherever the cut starts.
    expect(contextFill(loaded, { ...cut, createdAt: 10 }, true)).toEqual({ tokens: 1600, exact: true });
  });
});
