/**
 * One producer, any number of readers, each of which gets every chunk from the first: the answer's
 * stream fans out to the browser that asked, to the persister, and to any tab that (re)attaches
 * while it runs (a reload, a second tab). Chunks are kept until the stream ends, then dropped with
 * the hub. Readers never slow the producer: each has its own queue.
 */
export class StreamHub<T> {
  private readonly chunks: T[] = [];
  private readonly readers = new Set<ReadableStreamDefaultController<T>>();
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
      }
    } catch (error) {
      this.failure = error;
    } finally {
      this.ended = true;
      for (const controller of this.readers) this.finish(controller);
      this.readers.clear();
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

  private finish(controller: ReadableStreamDefaultController<T>): void {
    try {
      if (this.failure !== undefined) controller.error(this.failure);
      else controller.close();
    } catch {
      // already closed or cancelled
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

  get done(): boolean {
    return this.ended;
  }
}
