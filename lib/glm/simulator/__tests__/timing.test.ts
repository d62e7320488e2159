import { describe, expect, it } from 'vitest';
import { createSimulator } from '../simulator';
import { activeSimulatorTimers } from '../stream';
import { chat, collectChunks, decode, parseSse } from './helpers';

describe('pacing', () => {
  it('emits tokens at the configured rate with a prompt first byte', async () => {
    // warm up (module JIT) so the first-byte measurement is about the simulator, not the test runner
    await collectChunks(await chat(createSimulator({ tokensPerSecond: 0 }), { text: 'warm up' }));
    const sim = createSimulator({ flavour: 'zai', tokensPerSecond: 50 });
    const started = performance.now();
    const response = await chat(sim, { text: '::plain\n::long 10\nGo' });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    const firstByte = performance.now() - started;
    // Z.ai has no opening chunk: the first token is due after one 20 ms interval
    expect(firstByte).toBeGreaterThanOrEqual(15);
    expect(firstByte).toBeLessThan(100);
    while (!(await reader.read()).done) {
      // drain
    }
    const total = performance.now() - started;
    // 10 tokens at 50/s = 200 ms
    expect(total).toBeGreaterThan(180);
    expect(total).toBeLessThan(1000);
    expect(activeSimulatorTimers()).toBe(0);
  });

  it('::rate N overrides the option', async () => {
    const sim = createSimulator({ tokensPerSecond: 1 });
    const started = performance.now();
    await collectChunks(await chat(sim, { text: '::rate 1000\n::plain\n::long 20\nGo' }));
    expect(performance.now() - started).toBeLessThan(500);
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
