/**
 * Exact cost arithmetic. Prices are configured in US dollars per million tokens (e.g. "0.06"); they are
 * held as whole **picodollars per token** ($1 = 10^12 pico; $0.06/M = 60,000 pico per token), so every
 * cost is an integer: tokens × pico-per-token, with no floating point anywhere. A price may have at most
 * six decimals ($0.000001 per million tokens = 1 pico per token). Shared by server (aggregation in
 * SQL uses the same integers) and browser (display).
 */

import type { MessageUsage } from '@/lib/chat/types';

/** The prices an answer was made at, snapshotted on the message so later price changes don't rewrite it. */
export interface PriceSnapshot {
  /** Picodollars per uncached input (prompt) token. */
  inputPico: number;
  /** Picodollars per output (completion, reasoning included) token. */
  outputPico: number;
  /** Picodollars per cached input token (prompt tokens the backend served from its prefix cache). */
  cachedInputPico: number;
}

const PICO_PER_DOLLAR = 1_000_000_000_000n;
const PRICE_PATTERN = /^\d{1,6}(\.\d{1,6})?$/;

/** "0.06" ($ per million tokens) → 60000 (picodollars per token), exactly. Throws on anything else. */
export function picoPerTokenFromPerMTok(perMTok: string): number {
  const text = perMTok.trim();
  if (!PRICE_PATTERN.test(text)) throw new Error(`not a price in dollars per million tokens: ${perMTok}`);
  const [whole, fraction = ''] = text.split('.');
  // $/M tokens × 10^12 pico/$ ÷ 10^6 tokens/M = × 10^6.
  return Number(whole) * 1_000_000 + Number(fraction.padEnd(6, '0'));
}

/** 60000 → "0.06", 400000 → "0.40", 60500 → "0.0605" (dollars per million tokens, at least 2 decimals). */
export function perMTokFromPico(pico: number): string {
  return formatFixed(BigInt(pico) * 1_000_000n, 6).replace(/(\.\d\d\d*?)0+$/, '$1');
}

export interface CostBreakdown {
  /** Prompt tokens not served from cache. */
  uncachedInputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  /** Total in picodollars (an integer). */
  pico: bigint;
}

/**
 * Cost of one usage at one price: uncached input × input price + cached input × cached price +
 * output × output price. Reasoning tokens are part of the output tokens (billed as output).
 */
export function costOf(usage: MessageUsage | undefined, price: PriceSnapshot): CostBreakdown {
  const input = usage?.inputTokens ?? 0;
  const cached = Math.min(usage?.cachedInputTokens ?? 0, input);
  const output = usage?.outputTokens ?? 0;
  const uncached = input - cached;
  const pico =
    BigInt(uncached) * BigInt(price.inputPico) +
    BigInt(cached) * BigInt(price.cachedInputPico) +
    BigInt(output) * BigInt(price.outputPico);
  return { uncachedInputTokens: uncached, cachedInputTokens: cached, outputTokens: output, pico };
}

/** `value / 10^12` as a decimal string with exactly `decimals` places, rounded half up. */
function formatFixed(pico: bigint, decimals: number): string {
  const negative = pico < 0n;
  const abs = negative ? -pico : pico;
  const scale = 10n ** BigInt(12 - decimals);
  const rounded = (abs + scale / 2n) / scale;
  const unit = 10n ** BigInt(decimals);
  const whole = rounded / unit;
  const fraction = (rounded % unit).toString().padStart(decimals, '0');
  return `${negative ? '-' : ''}${whole}${decimals > 0 ? `.${fraction}` : ''}`;
}

/**
 * How costs are shown everywhere (message line, header, usage page): dollars with six decimals
 * (a millionth of a dollar), rounded half up — "$0.000123". One rule, so figures always compare.
 */
export function formatUsd(pico: bigint | number): string {
  return `$${formatFixed(BigInt(pico), 6)}`;
}

/** The exact value, every digit ("$0.00001802"), for details on hover/focus and the usage page. */
export function formatUsdExact(pico: bigint | number): string {
  const full = formatFixed(BigInt(pico), 12).replace(/0+$/, '').replace(/\.$/, '');
  return `$${full}`;
}

export function dollarsFromPico(pico: bigint): number {
  return Number(pico) / Number(PICO_PER_DOLLAR);
}
