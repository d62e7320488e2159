import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttle } from './throttle';

describe('throttle (streamed messages reach React at most once per wait)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('updates at once, then once at the end of the wait however many calls came meanwhile', () => {
    const update = vi.fn();
    const throttled = throttle(update, 100);
    throttled();
    expect(update).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 50; i++) {
      vi.advanceTimersByTime(1);
      throttled();
    }
    expect(update).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(49);
    expect(update).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(update).toHaveBeenCalledTimes(2);
    // Nothing more without calls: the last state was delivered.
    vi.advanceTimersByTime(1_000);
    expect(update).toHaveBeenCalledTimes(2);
  });

  it('keeps one timer pending while chunks arrive, not one per chunk', () => {
    const throttled = throttle(() => undefined, 100);
    throttled();
    const set = vi.spyOn(globalThis, 'setTimeout');
    const clear = vi.spyOn(globalThis, 'clearTimeout');
    for (let i = 0; i < 40; i++) throttled();
    expect(set).toHaveBeenCalledTimes(1);
    expect(clear).not.toHaveBeenCalled();
  });

  it('updates at once when the wait is over even if its timer has not run yet (a busy thread)', () => {
    const update = vi.fn();
    const throttled = throttle(update, 100);
    throttled();
    throttled(); // schedules the trailing update
    vi.setSystemTime(Date.now() + 150); // time passes, the timer has not fired
    throttled();
    expect(update).toHaveBeenCalledTimes(2);
    vi.runAllTimers();
    expect(update).toHaveBeenCalledTimes(2);
  });
});
