import type { UIMessageChunk } from 'ai';
import { describe, expect, it } from 'vitest';
import { failureHandling } from '../end-on-failure';
import { StreamHub } from '../stream-hub';

function controlled<T>() {
  let controller!: ReadableStreamDefaultController<T>;
  const stream = new ReadableStream<T>({
    start(c) {
      controller = c;
    },
  });
  return { stream, controller };
}

async function readAll<T>(stream: ReadableStream<T>): Promise<T[]> {
  const out: T[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return out;
    out.push(value);
  }
}

describe('StreamHub', () => {
  it('gives a late reader everything from the start, then the rest live', async () => {
    const { stream, controller } = controlled<number>();
    const hub = new StreamHub(stream);
    const early = readAll(hub.subscribe());
    controller.enqueue(1);
    controller.enqueue(2);
    await new Promise((resolve) => setImmediate(resolve));
    const late = readAll(hub.subscribe());
    controller.enqueue(3);
    controller.close();
    expect(await early).toEqual([1, 2, 3]);
    expect(await late).toEqual([1, 2, 3]);
    expect(await readAll(hub.subscribe())).toEqual([1, 2, 3]);
    expect(hub.done).toBe(true);
  });

  it('keeps going for the others when one reader goes away', async () => {
    const { stream, controller } = controlled<string>();
    const hub = new StreamHub(stream);
    const leaving = hub.subscribe().getReader();
    const staying = readAll(hub.subscribe());
    controller.enqueue('a');
    await leaving.read();
    await leaving.cancel();
    controller.enqueue('b');
    controller.close();
    expect(await staying).toEqual(['a', 'b']);
  });

  it('passes a source failure on to every reader', async () => {
    const { stream, controller } = controlled<string>();
    const hub = new StreamHub(stream);
    const reader = readAll(hub.subscribe());
    controller.enqueue('a');
    controller.error(new Error('upstream broke'));
    await expect(reader).rejects.toThrow('upstream broke');
  });

  it('writes server-sent events: one write per turn of the event loop, [DONE] at the end', async () => {
    const { stream, controller } = controlled<{ n: number }>();
    const hub = new StreamHub(stream);
    const reader = hub.subscribeSse().getReader();
    controller.enqueue({ n: 1 });
    controller.enqueue({ n: 2 });
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('data: {"n":1}\n\ndata: {"n":2}\n\n');
    controller.enqueue({ n: 3 });
    controller.close();
    const rest: string[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      rest.push(new TextDecoder().decode(value));
    }
    expect(rest.join('')).toBe('data: {"n":3}\n\ndata: [DONE]\n\n');
  });

  it('gives a late SSE reader the same bytes as an early one', async () => {
    const { stream, controller } = controlled<string>();
    const hub = new StreamHub(stream);
    const text = async (s: ReadableStream<Uint8Array>) => new Response(s).text();
    const early = text(hub.subscribeSse());
    controller.enqueue('a');
    // Subscribed while 'a' is still waiting for its write: it must get 'a' once, not twice.
    const middle = text(hub.subscribeSse());
    await new Promise((resolve) => setImmediate(resolve));
    const late = text(hub.subscribeSse());
    controller.enqueue('b');
    controller.close();
    const expected = 'data: "a"\n\ndata: "b"\n\ndata: [DONE]\n\n';
    expect(await early).toBe(expected);
    expect(await middle).toBe(expected);
    expect(await late).toBe(expected);
    expect(await text(hub.subscribeSse())).toBe(expected);
  });

  it('fails SSE readers without [DONE] when the source fails', async () => {
    const { stream, controller } = controlled<string>();
    const hub = new StreamHub(stream);
    const body = new Response(hub.subscribeSse()).text();
    controller.enqueue('a');
    controller.error(new Error('upstream broke'));
    await expect(body).rejects.toThrow('upstream broke');
  });

  it('calls a listener with everything so far, then each chunk as it comes, then the end', async () => {
    const { stream, controller } = controlled<number>();
    const hub = new StreamHub(stream);
    const early: number[] = [];
    let ended: unknown = 'not yet';
    controller.enqueue(1);
    await new Promise((resolve) => setImmediate(resolve));
    hub.listen({ chunk: (n) => early.push(n), end: (failure) => (ended = failure) });
    expect(early).toEqual([1]);
    controller.enqueue(2);
    controller.close();
    await new Promise((resolve) => setImmediate(resolve));
    expect(early).toEqual([1, 2]);
    expect(ended).toBeUndefined();
    const late: number[] = [];
    hub.listen({ chunk: (n) => late.push(n), end: () => {} });
    expect(late).toEqual([1, 2]);
  });

  it('ends a failed answer cleanly with its reason, and drops the error parts a stop causes', async () => {
    let stopped = false;
    const explain = (error: unknown) => `explained: ${(error as Error).message}`;
    const failing = controlled<UIMessageChunk>();
    const hub = new StreamHub(
      failing.stream,
      failureHandling(explain, () => stopped),
    );
    const sse = new Response(hub.subscribeSse()).text();
    failing.controller.enqueue({ type: 'text-delta', id: 't', delta: 'Hi' });
    failing.controller.error(new Error('connection dropped'));
    const text = await sse;
    expect(text).toContain('"errorText":"explained: connection dropped"');
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);

    stopped = true;
    const aborted = controlled<UIMessageChunk>();
    const stoppedHub = new StreamHub(
      aborted.stream,
      failureHandling(explain, () => stopped),
    );
    const chunks: UIMessageChunk[] = [];
    const ended = new Promise((resolve) => stoppedHub.listen({ chunk: (c) => chunks.push(c), end: resolve }));
    aborted.controller.enqueue({ type: 'error', errorText: 'aborted' });
    aborted.controller.error(new Error('aborted'));
    expect(await ended).toBeUndefined();
    expect(chunks).toEqual([]);
  });
});
