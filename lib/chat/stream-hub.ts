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
export interface HubListener<T> {
  chunk(value: T): void;
  /** The stream ended (with the source's failure, if it failed). */
  end(failure?: unknown): void;
}

export interface HubOptions<T> {
  /** Chunks left out (e.g. the error part a stop causes). */
  skip?: (chunk: T) => boolean;
  /** The chunks that end the stream cleanly when the source fails, or undefined to pass the failure on. */
  onFailure?: (error: unknown) => T[] | undefined;
}

export class StreamHub<T> {
  private readonly chunks: T[] = [];
  private readonly readers = new Set<ReadableStreamDefaultController<T>>();
  /** In-process readers called synchronously with each chunk (no stream stage, no promise per chunk). */
  private readonly listeners = new Set<HubListener<T>>();
  private readonly sseReaders = new Set<ReadableStreamDefaultController<Uint8Array>>();
  /** Encoded events not yet written to the SSE readers (they go out together, once per turn). */
  private pendingSse: string[] = [];
  private flushScheduled = false;
  private ended = false;
  private failure: unknown;

  constructor(
    source: ReadableStream<T>,
    private readonly options: HubOptions<T> = {},
  ) {
    void this.pump(source);
  }

  private push(value: T): void {
    this.chunks.push(value);
    for (const listener of this.listeners) listener.chunk(value);
    for (const controller of this.readers) this.deliver(controller, value);
    if (this.sseReaders.size > 0) {
      this.pendingSse.push(sseEvent(value));
      this.scheduleFlush();
    }
  }

  private async pump(source: ReadableStream<T>): Promise<void> {
    const reader = source.getReader();
    const skip = this.options.skip;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (skip?.(value)) continue;
        this.push(value);
      }
    } catch (error) {
      const ending = this.options.onFailure?.(error);
      if (ending) for (const chunk of ending) this.push(chunk);
      else this.failure = error;
    } finally {
      this.ended = true;
      this.flushSse();
      for (const listener of this.listeners) listener.end(this.failure);
      this.listeners.clear();
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

  /** Everything sent so far, then the rest as it comes, to a synchronous listener. */
  listen(listener: HubListener<T>): void {
    for (const chunk of this.chunks) listener.chunk(chunk);
    if (this.ended) listener.end(this.failure);
    else this.listeners.add(listener);
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
