/**
 * Scrolling the open conversation to a message from anywhere on the page (a search hit, a version
 * switcher, a link): the thread is virtualised, so a message out of view is not in the DOM to be
 * scrolled to. The mounted `Thread` registers itself here.
 */
export interface ThreadHandle {
  /** Brings the message into view (rendering it first); false when it is not in this thread. */
  scrollToMessage(id: string, align?: 'start' | 'center' | 'end'): boolean;
}

let current: ThreadHandle | undefined;

/** Called by the mounted thread; returns the unregister function. */
export function registerThread(handle: ThreadHandle): () => void {
  current = handle;
  return () => {
    if (current === handle) current = undefined;
  };
}

/** Scrolls the open conversation to the message; false when no thread shows it. */
export function scrollToMessage(id: string, align: 'start' | 'center' | 'end' = 'start'): boolean {
  return current?.scrollToMessage(id, align) ?? false;
}
