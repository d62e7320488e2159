/**
 * One producer, any number of readers, each of which gets every chunk from the first: the answer's
 * stream fans out to the browser that asked, to the persister, and to any tab that (re)attaches
 * while it runs (a reload, a second tab). Chunks are kept until the stream ends, then dropped with
 * the hub. Readers never slow the producer: each has its own queue.
 *
 * Browsers read server-sent events (`subscribeSse`): each chunk is encoded once, whatever the number
 * of readers, and the chunks that arrive in one turn of the event loop (a fast upstream sends many
 * per network read) leave in one write, so a 5,000 tokens/s answer does not cost 5,000 writes.
 */
export class StreamHub<T> {
  private readonly chunks: T[] = [];
  private readonly readers = new Set<ReadableStreamDefaultController<T>>();
  private readonly sseReaders = new Set<ReadableStreamDefaultController<Uint8Array>>();
  /** Encoded events not yet written to the SSE readers (they go out together, once per turn). */
  private pendingSse: string[] = [];
  private flushScheduled = false;
  private ended = false;
  private failure: unknown;

  constructor(source: ReadableStream<T>) {
    void this.pump(source);
  }

  private async pump(source: ReadableStream<T>): Promise<void> {
    const reader = source.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        this.chunks.push(value);
        for (const controller of this.readers) this.deliver(controller, value);
        if (this.sseReaders.size > 0) {
          this.pendingSse.push(sseEvent(value));
          this.scheduleFlush();
        }
      }
    } catch (error) {
      this.failure = error;
    } finally {
      this.ended = true;
      this.flushSse();
      for (const controller of this.readers) this.finish(controller);
      this.readers.clear();
      for (const controller of this.sseReaders) this.finishSse(controller);
      this.sseReaders.clear();
    }
  }

  private deliver(controller: ReadableStreamDefaultController<T>, chunk: T): void {
    try {
      controller.enqueue(chunk);
    } catch {
      // That reader was cancelled (a closed tab): forget it.
      this.readers.delete(controller);
    }
  }

  private finish(
    controller: ReadableStreamDefaultController<T> | ReadableStreamDefaultController<Uint8Array>,
  ): void {
    try {
      if (this.failure !== undefined) controller.error(this.failure);
      else controller.close();
    } catch {
      // already closed or cancelled
    }
  }

  private finishSse(controller: ReadableStreamDefaultController<Uint8Array>): void {
    if (this.failure === undefined) {
      try {
        controller.enqueue(DONE);
      } catch {
        return; // cancelled
      }
    }
    this.finish(controller);
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flushSse();
    });
  }

  private flushSse(): void {
    if (this.pendingSse.length === 0) return;
    const bytes = encoder.encode(this.pendingSse.join(''));
    this.pendingSse = [];
    for (const controller of this.sseReaders) {
      try {
        controller.enqueue(bytes);
      } catch {
        this.sseReaders.delete(controller);
      }
    }
  }

  /** Everything sent so far, then the rest as it comes. */
  subscribe(): ReadableStream<T> {
    let registered: ReadableStreamDefaultController<T> | undefined;
    return new ReadableStream<T>({
      start: (controller) => {
        for (const chunk of this.chunks) controller.enqueue(chunk);
        if (this.ended) this.finish(controller);
        else {
          registered = controller;
          this.readers.add(controller);
        }
      },
      cancel: () => {
        if (registered) this.readers.delete(registered);
      },
    });
  }

  /**
   * The same, as the bytes of a UI message stream response (`data: <json>\n\n` per chunk, then
   * `data: [DONE]\n\n`), exactly what the AI SDK's `createUIMessageStreamResponse` writes.
   */
  subscribeSse(): ReadableStream<Uint8Array> {
    let registered: ReadableStreamDefaultController<Uint8Array> | undefined;
    return new ReadableStream<Uint8Array>({
      start: (controller) => {
        // Events still pending reach this reader with the next flush; everything before, now.
        const sent = this.chunks.length - this.pendingSse.length;
        if (sent > 0) controller.enqueue(encoder.encode(this.chunks.slice(0, sent).map(sseEvent).join('')));
        if (this.ended) this.finishSse(controller);
        else {
          registered = controller;
          this.sseReaders.add(controller);
        }
      },
      cancel: () => {
        if (registered) this.sseReaders.delete(registered);
      },
    });
  }

  get done(): boolean {
    return this.ended;
  }
}

const encoder = new TextEncoder();
const DONE = encoder.encode('data: [DONE]\n\n');

function sseEvent(chunk: unknown): string {
  return `data: ${JSON.stringify(chunk)}\n\n`;
}
