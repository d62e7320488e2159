/**
 * The paced, pull-based response body. A write is due at `start + tick × interval`; with no pacing
 * (rate 0 / Infinity) nothing is scheduled and chunks are produced as fast as the consumer pulls.
 * Cancelling the stream or aborting the request clears the pending timer immediately.
 */

import type { Write } from './sse';

/** The body errors with this when a `::drop` fault fires; the socket server destroys the socket on it. */
export class SimulatedDropError extends Error {
  constructor() {
    super('Simulated connection drop');
    this.name = 'SimulatedDropError';
  }
}

let activeTimers = 0;

/** Number of simulator timers currently scheduled (for leak tests). */
export function activeSimulatorTimers(): number {
  return activeTimers;
}

export function intervalForRate(tokensPerSecond: number): number {
  if (!Number.isFinite(tokensPerSecond) || tokensPerSecond <= 0) return 0;
  return 1000 / tokensPerSecond;
}

export interface BodyOptions {
  intervalMs: number;
  signal?: AbortSignal;
  /** A `hold` write waits for this (the test's release); pacing resumes from there. */
  hold?: (cancelled: AbortSignal) => Promise<void>;
}

export function createBody(
  writes: Write[],
  { intervalMs, signal, hold }: BodyOptions,
): ReadableStream<Uint8Array> {
  let index = 0;
  let startedAt: number | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let wake: (() => void) | undefined;
  let finished = false;
  const holdCancelled = new AbortController();

  const clearTimer = (): void => {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
      activeTimers--;
    }
  };
  const stop = (): void => {
    finished = true;
    holdCancelled.abort();
    clearTimer();
    signal?.removeEventListener('abort', onAbort);
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  let controllerRef: ReadableStreamDefaultController<Uint8Array> | undefined;
  function onAbort(): void {
    if (finished) return;
    const reason = signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError');
    stop();
    try {
      controllerRef?.error(reason);
    } catch {
      // already closed
    }
  }

  const emit = (controller: ReadableStreamDefaultController<Uint8Array>): Promise<void> | undefined => {
    const write = writes[index];
    if (write === undefined) {
      stop();
      controller.close();
      return undefined;
    }
    if (write.kind === 'drop') {
      stop();
      controller.error(new SimulatedDropError());
      return undefined;
    }
    if (write.kind === 'hold') {
      index++;
      if (!hold) return undefined;
      const heldAt = performance.now();
      return new Promise<void>((resolve) => {
        wake = resolve;
        void hold(holdCancelled.signal).then(() => {
          wake = undefined;
          if (finished) return resolve();
          // The writes after the hold keep their spacing, counted from the release; the next one
          // goes out in this pull (a pull that enqueues nothing is not repeated).
          if (startedAt !== null) startedAt += performance.now() - heldAt;
          const pending = emit(controller);
          if (pending) pending.then(resolve);
          else resolve();
        });
      });
    }
    if (write.kind === 'hang') {
      // Nothing more until the consumer cancels or the request is aborted.
      return new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    index++;
    controller.enqueue(write.bytes);
    return undefined;
  };

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controllerRef = controller;
        if (signal?.aborted) onAbort();
        else signal?.addEventListener('abort', onAbort, { once: true });
      },
      pull(controller) {
        if (finished) return undefined;
        startedAt ??= performance.now();
        const write = writes[index];
        const due = write === undefined || intervalMs === 0 ? 0 : startedAt + write.tick * intervalMs;
        const wait = due - performance.now();
        if (wait < 1) return emit(controller);
        return new Promise<void>((resolve) => {
          wake = resolve;
          activeTimers++;
          timer = setTimeout(() => {
            timer = undefined;
            activeTimers--;
            wake = undefined;
            if (finished) {
              resolve();
              return;
            }
            const pending = emit(controller);
            if (pending) pending.then(resolve);
            else resolve();
          }, wait);
        });
      },
      cancel() {
        stop();
      },
    },
    { highWaterMark: 0 },
  );
}
