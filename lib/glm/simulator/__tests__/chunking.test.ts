import { describe, expect, it } from 'vitest';
import { UNICODE_GREETING } from '../content';
import { createSimulator } from '../simulator';
import { tokenize } from '../tokens';
import { chat, collectChunks, decode, joinDelta, parseSse } from './helpers';

const isContinuation = (byte: number | undefined) => byte !== undefined && (byte & 0xc0) === 0x80;

describe('tokenizer', () => {
  it('round-trips any text and keeps leading spaces on tokens', () => {
    for (const text of [
      'Hello, world!\n\n```ts\nconst x = 1;\n```',
      UNICODE_GREETING,
      '  padded  ',
      '',
      'supercalifragilistic',
    ]) {
      expect(tokenize(text).join('')).toBe(text);
    }
    expect(tokenize('We need to')).toEqual(['We', ' need', ' to']);
    expect(tokenize('supercalifragilistic').length).toBeGreaterThan(1);
  });
});

describe('UTF-8 splitting', () => {
  it('::unicode splits body chunks inside multi-byte characters, yet the decoded text is intact', async () => {
    const sim = createSimulator({ tokensPerSecond: 0 });
    const chunks = await collectChunks(await chat(sim, { text: '::unicode\nHi' }));
    const midCharacterSplits = chunks.filter((chunk, i) => i > 0 && isContinuation(chunk[0]));
    expect(midCharacterSplits.length).toBeGreaterThan(0);
    // a lone chunk ending mid-character cannot be decoded strictly on its own
    const strict = new TextDecoder('utf-8', { fatal: true });
    const broken = chunks.filter((chunk) => {
      try {
        strict.decode(chunk);
        return false;
      } catch {
        return true;
      }
    });
    expect(broken.length).toBeGreaterThan(0);
    const sse = parseSse(decode(chunks));
    expect(joinDelta(sse, 'content').startsWith(UNICODE_GREETING)).toBe(true);
  });
});

describe('splitFrames', () => {
  it('splits frames mid-JSON and mid-"\\n\\n", coalesces some, and parses to the same frames', async () => {
    const plain = createSimulator({ flavour: 'vllm', tokensPerSecond: 0 });
    const split = createSimulator({ flavour: 'vllm', tokensPerSecond: 0, splitFrames: true });
    const normal = await collectChunks(await chat(plain, { text: 'Split me' }));
    const pieces = await collectChunks(await chat(split, { text: 'Split me' }));
    expect(pieces.length).toBeGreaterThan(normal.length * 1.5);
    const texts = pieces.map((chunk) => new TextDecoder().decode(chunk));
    expect(texts.some((text) => text.endsWith('\n') && !text.endsWith('\n\n'))).toBe(true);
    expect(texts.some((text) => /\n\ndata: /.test(text))).toBe(true);
    expect(texts.some((text) => !text.includes('\n'))).toBe(true);
    const strip = (text: string) => text.replace(/"created":\d+/g, '');
    expect(strip(decode(pieces))).toBe(strip(decode(normal)));
  });

  it('::split forces splitting for one response', async () => {
    const sim = createSimulator({ tokensPerSecond: 0 });
    const normal = await collectChunks(await chat(sim, { text: '::plain\nA' }));
    const forced = await collectChunks(await chat(sim, { text: '::split\n::plain\nA' }));
    expect(forced.length).toBeGreaterThan(normal.length * 1.5);
  });
});
