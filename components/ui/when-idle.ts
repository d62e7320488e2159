/**
 * Runs `work` once the browser is idle (soon after the page became interactive), at the latest after
 * `timeout` ms. Returns a cancel function (for an effect's cleanup). Used to fetch code that the
 * first load leaves out (the chat runtime, the markdown renderer, dialogs) before it is needed.
 */
export function whenIdle(work: () => void, timeout = 2000): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const handle = window.requestIdleCallback(work, { timeout });
    return () => window.cancelIdleCallback(handle);
  }
  const timer = setTimeout(work, 1);
  return () => clearTimeout(timer);
}
