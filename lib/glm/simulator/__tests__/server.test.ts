import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimulatorServer, startSimulatorServer } from '../server';
import { activeSimulatorTimers } from '../stream';
import { chatBody, decode, joinDelta, parseSse } from './helpers';

let server: SimulatorServer;

beforeAll(async () => {
  server = await startSimulatorServer({ flavour: 'vllm', tokensPerSecond: 0, apiKey: 'k' });
});

afterAll(async () => {
  await server.close();
});

const post = (text: string, init: RequestInit = {}) =>
  fetch(`${server.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer k' },
    body: JSON.stringify(chatBody({ text })),
    ...init,
  });

async function waitFor(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('socket server', () => {
  it('binds 127.0.0.1 on a random port and streams SSE over a real socket', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await post('Over the wire?');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const sse = parseSse(await response.text());
    expect(joinDelta(sse, 'reasoning')).toContain('Over the wire?');
    expect(sse.data.at(-1)).toBe('[DONE]');
  });

  it('enforces the api key on the socket too', async () => {
    const response = await fetch(`${server.url}/v1/models`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'Unauthorized' });
  });

  it('exposes /__simulator/requests, /__simulator/reset and /__simulator/health', async () => {
    await fetch(`${server.url}/__simulator/reset`, { method: 'POST' });
    await (await post('logged')).text();
    const log = await (await fetch(`${server.url}/__simulator/requests`)).json();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      headers: { authorization: '[redacted]' },
    });
    expect(log[0].body.messages[0].content).toBe('logged');
    await fetch(`${server.url}/__simulator/reset`, { method: 'POST' });
    expect(await (await fetch(`${server.url}/__simulator/requests`)).json()).toEqual([]);
    expect(await (await fetch(`${server.url}/__simulator/health`)).json()).toEqual({
      ok: true,
      flavour: 'vllm',
    });
  });

  it('::drop destroys the socket: the body read rejects after some content', async () => {
    const response = await post('::drop\nHi');
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const chunks: Uint8Array[] = [];
    const drain = async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        chunks.push(value);
      }
    };
    await expect(drain()).rejects.toThrow();
    expect(decode(chunks)).toContain('"content"');
    expect(decode(chunks)).not.toContain('[DONE]');
  });

  it('stops producing when the client disconnects', async () => {
    const controller = new AbortController();
    const response = await post('::rate 20\n::long 400\nSlow', { signal: controller.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await waitFor(() => activeSimulatorTimers() === 1);
    controller.abort();
    await waitFor(() => activeSimulatorTimers() === 0);
    expect(activeSimulatorTimers()).toBe(0);
  });

  it('::hang sends headers right away and no body', async () => {
    const controller = new AbortController();
    const response = await post('::hang', { signal: controller.signal });
    expect(response.status).toBe(200);
    controller.abort();
  });

  it('::hold streams the reasoning, then waits before the answer until POST /__simulator/release', async () => {
    const response = await post('::hold\nHeld question');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    // Everything up to the hold arrives: the reasoning, and no answer text.
    while (!/"reasoning(_content)?":"/.test(text)) text += decoder.decode((await reader.read()).value);
    // The stream reaches its hold once the reasoning is written: release it then (a release with
    // nothing waiting lets nothing go).
    let released = 0;
    for (let attempt = 0; released === 0 && attempt < 500; attempt++) {
      const release = await fetch(`${server.url}/__simulator/release`, { method: 'POST' });
      released = ((await release.json()) as { released: number }).released;
    }
    expect(released).toBe(1);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    const sse = parseSse(text);
    expect(joinDelta(sse, 'reasoning').length + joinDelta(sse, 'reasoning_content').length).toBeGreaterThan(
      0,
    );
    expect(joinDelta(sse, 'content')).toContain('Held question');
  });

  it('delivers split multi-byte characters intact', async () => {
    const response = await post('::unicode\n::split\nHi');
    const sse = parseSse(await response.text());
    expect(joinDelta(sse, 'content')).toContain('你好，世界 🌏 こんにちは مرحبا 👩‍💻');
  });
});
