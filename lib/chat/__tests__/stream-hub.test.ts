import { describe, expect, it } from 'vitest';
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
});
