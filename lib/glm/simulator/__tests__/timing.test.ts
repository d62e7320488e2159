import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSimulator } from '../simulator';
import { activeSimulatorTimers } from '../stream';
import { chat, collectChunks, decode, parseSse } from './helpers';

/**
 * Pacing is checked on a fake clock (setTimeout and performance.now): the schedule itself, whatever
 * else the machine is doing. (How fast the real thing is, is the benchmarks' business.)
 */
async function readOnFakeClock(reader: ReadableStreamDefaultReader<Uint8Array>, stepMs: number) {
  const startedAt = performance.now();
  for (let steps = 0; steps < 100_000; steps++) {
    let result: ReadableStreamReadResult<Uint8Array> | undefined;
    const read = reader.read().then((r) => {
      result = r;
    });
    while (!result) await vi.advanceTimersByTimeAsync(stepMs);
    await read;
    if (result.done) return performance.now() - startedAt;
  }
  throw new Error('the stream did not end');
}

describe('pacing', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('emits tokens at the configured rate with a prompt first byte', async () => {
    const sim = createSimulator({ flavour: 'zai', tokensPerSecond: 50 });
    const response = await chat(sim, { text: '::plain\n::long 10\nGo' });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let first = false;
    const firstRead = reader.read().then(() => {
      first = true;
    });
    // Z.ai has no opening chunk: the first token is due after one 20 ms interval, not later.
    await vi.advanceTimersByTimeAsync(19);
    expect(first).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(first).toBe(true);
    await firstRead;
    // 10 tokens at 50/s = 200 ms in all.
    const rest = await readOnFakeClock(reader, 1);
    expect(20 + rest).toBeGreaterThanOrEqual(200);
    expect(20 + rest).toBeLessThan(260);
    expect(activeSimulatorTimers()).toBe(0);
  });

  it('::rate N overrides the option', async () => {
    const sim = createSimulator({ tokensPerSecond: 1 });
    const response = await chat(sim, { text: '::rate 1000\n::plain\n::long 20\nGo' });
    const elapsed = await readOnFakeClock((response.body as ReadableStream<Uint8Array>).getReader(), 1);
    // A few hundred tokens at 1000/s, not at 1/s.
    expect(elapsed).toBeLessThan(2_000);
  });
  it('uses no timers at all when unpaced', async () => {
    const sim = createSimulator({ tokensPerSecond: Number.POSITIVE_INFINITY });
    const response = await chat(sim, { text: '::long 200\nGo' });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    expect(activeSimulatorTimers()).toBe(0);
    await reader.cancel();
  });
});

describe('abort and cancel', () => {
  it('aborting the request errors the body and clears the pending timer', async () => {
    const sim = createSimulator({ tokensPerSecond: 5 });
    const controller = new AbortController();
    const response = await chat(sim, { text: '::plain\nSlow', signal: controller.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const pending = reader.read();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(activeSimulatorTimers()).toBe(1);
    controller.abort();
    await expect(pending).rejects.toThrow();
    expect(activeSimulatorTimers()).toBe(0);
  });

  it('cancelling the body stops production and clears timers', async () => {
    const sim = createSimulator({ tokensPerSecond: 5 });
    const response = await chat(sim, { text: '::plain\nSlow' });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const pending = reader.read();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await reader.cancel();
    await pending;
    expect(activeSimulatorTimers()).toBe(0);
  });

  it('::hang sends headers and nothing else until aborted', async () => {
    const sim = createSimulator({ tokensPerSecond: 1000 });
    const controller = new AbortController();
    const response = await chat(sim, { text: '::hang', signal: controller.signal });
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const pending = reader.read();
    const raced = await Promise.race([
      pending.then(() => 'data'),
      new Promise((r) => setTimeout(() => r('silent'), 50)),
    ]);
    expect(raced).toBe('silent');
    controller.abort();
    await expect(pending).rejects.toThrow();
    expect(activeSimulatorTimers()).toBe(0);
  });

  it('::drop errors the in-process body after some content, without finish or [DONE]', async () => {
    const sim = createSimulator({ tokensPerSecond: 0 });
    const response = await chat(sim, { text: '::drop\nHi' });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const chunks: Uint8Array[] = [];
    await expect(
      (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          chunks.push(value);
        }
      })(),
    ).rejects.toThrow('Simulated connection drop');
    const text = decode(chunks);
    expect(text).toContain('"content"');
    expect(text).not.toContain('[DONE]');
    expect(text).not.toContain('"finish_reason":"');
    expect(parseSse(text).json.length).toBeGreaterThan(5);
  });
});
