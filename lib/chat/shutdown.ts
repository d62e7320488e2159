import { AppError } from '@/lib/errors';
import { activeStreams } from './active-streams';

/** The abort reason an answer gets when the server stops under it: it is saved as `interrupted`. */
export const SHUTDOWN_REASON = 'server shutting down';

const state = globalThis as unknown as { __glmChatDraining?: boolean };

/** New answers are refused once the server is shutting down. */
export function assertAcceptingTurns(): void {
  if (state.__glmChatDraining) {
    throw new AppError('shutting_down', 'The server is restarting. Try again in a moment.', 503);
  }
}

/**
 * Graceful shutdown: refuse new answers, let running ones finish for up to `graceMs`, then end the
 * rest; each is saved (as `interrupted`) before this resolves.
 */
export async function drainTurns(graceMs: number): Promise<{ finished: number; interrupted: number }> {
  state.__glmChatDraining = true;
  const running = activeStreams().list();
  if (running.length === 0) return { finished: 0, interrupted: 0 };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const graceOver = new Promise<'grace'>((resolve) => {
    timer = setTimeout(() => resolve('grace'), graceMs);
  });
  const allDone = Promise.all(running.map((s) => s.done)).then(() => 'done' as const);
  const outcome = await Promise.race([allDone, graceOver]);
  clearTimeout(timer);
  if (outcome === 'done') return { finished: running.length, interrupted: 0 };
  const left = activeStreams().list();
  for (const stream of left) stream.abort(SHUTDOWN_REASON);
  await Promise.all(left.map((s) => s.done));
  return { finished: running.length - left.length, interrupted: left.length };
}
