import { describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import {
  costOf,
  formatUsd,
  formatUsdExact,
  type PriceSnapshot,
  perMTokFromPico,
  picoPerTokenFromPerMTok,
} from '@/lib/usage/cost';

const DEFAULT: PriceSnapshot = { inputPico: 60_000, cachedInputPico: 60_000, outputPico: 400_000 };

describe('prices', () => {
  it('turns dollars per million tokens into whole picodollars per token, exactly', () => {
    expect(picoPerTokenFromPerMTok('0.06')).toBe(60_000);
    expect(picoPerTokenFromPerMTok('0.0605')).toBe(60_500);
    expect(picoPerTokenFromPerMTok('0.40')).toBe(400_000);
    expect(picoPerTokenFromPerMTok('2')).toBe(2_000_000);
    expect(picoPerTokenFromPerMTok('0.000001')).toBe(1);
    expect(perMTokFromPico(60_500)).toBe('0.0605');
    expect(perMTokFromPico(400_000)).toBe('0.40');
    expect(perMTokFromPico(2_000_000)).toBe('2.00');
  });

  it('refuses what is not a price', () => {
    for (const bad of ['-1', 'abc', '0.0000001', '1e3', '']) {
      expect(() => picoPerTokenFromPerMTok(bad)).toThrow();
    }
  });

  it('defaults to $0.06 in / $0.40 out, cached input at the input price, and reads the env', () => {
    expect(parseConfig({}).pricing).toEqual(DEFAULT);
    expect(
      parseConfig({
        GLM_PRICE_INPUT_PER_MTOK: '0.0605',
        GLM_PRICE_OUTPUT_PER_MTOK: '0.4',
        GLM_PRICE_CACHED_INPUT_PER_MTOK: '0.01',
      }).pricing,
    ).toEqual({ inputPico: 60_500, cachedInputPico: 10_000, outputPico: 400_000 });
    expect(() => parseConfig({ GLM_PRICE_INPUT_PER_MTOK: 'cheap' })).toThrow(/GLM_PRICE_INPUT_PER_MTOK/);
  });
});

describe('cost arithmetic', () => {
  it('is uncached input × input price + cached × cached price + output × output price, in integers', () => {
    // Z.ai's recorded usage: 266 prompt (177 cached), 71 completion (49 of them reasoning).
    const usage = { inputTokens: 266, cachedInputTokens: 177, outputTokens: 71, reasoningTokens: 49 };
    const price = { inputPico: 60_000, cachedInputPico: 10_000, outputPico: 400_000 };
    const cost = costOf(usage, price);
    expect(cost.uncachedInputTokens).toBe(89);
    expect(cost.pico).toBe(89n * 60_000n + 177n * 10_000n + 71n * 400_000n);
    expect(formatUsdExact(cost.pico)).toBe('$0.00003551');
    expect(formatUsd(cost.pico)).toBe('$0.000036');
  });

  it('at the default prices: 1M in and 1M out cost exactly $0.46', () => {
    const cost = costOf({ inputTokens: 1_000_000, outputTokens: 1_000_000 }, DEFAULT);
    expect(formatUsd(cost.pico)).toBe('$0.460000');
    expect(formatUsdExact(cost.pico)).toBe('$0.46');
  });

  it('never loses a digit where floating point would (0.1 + 0.2 style sums)', () => {
    let total = 0n;
    for (let i = 0; i < 1000; i++) total += costOf({ inputTokens: 3, outputTokens: 7 }, DEFAULT).pico;
    expect(total).toBe(1000n * (3n * 60_000n + 7n * 400_000n));
    expect(formatUsdExact(total)).toBe('$0.00298');
  });

  it('rounds half up at the sixth decimal and handles totals beyond 2^53 picodollars', () => {
    expect(formatUsd(500_000n)).toBe('$0.000001');
    expect(formatUsd(499_999n)).toBe('$0.000000');
    expect(formatUsd(12_345_678_901_234_567_890n)).toBe('$12345678.901235');
  });

  it('counts no more cached tokens than prompt tokens, and nothing for missing usage', () => {
    expect(costOf({ inputTokens: 10, cachedInputTokens: 50 }, DEFAULT).uncachedInputTokens).toBe(0);
    expect(costOf(undefined, DEFAULT).pico).toBe(0n);
  });
});
