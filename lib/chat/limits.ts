import { AppError } from '@/lib/errors';
import { activeStreams } from './active-streams';

const WINDOW_MS = 60_000;
const recent = new Map<string, number[]>();

export interface TurnLimits {
  messagesPerMinute: number;
  concurrentStreams: number;
}

/**
 * Per-user limits on asking GLM: at most N messages a minute, and at most M answers running at once.
 * In memory (one process); a shared store would replace it with the stream registry.
 */
export function checkTurnLimits(ownerId: string, limits: TurnLimits, now = Date.now()): void {
  const running = activeStreams()
    .list()
    .filter((s) => s.ownerId === ownerId).length;
  if (running >= limits.concurrentStreams) {
    throw new AppError(
      'too_many_streams',
      `${running} answers are already being written for you. Wait for one to finish, or stop it.`,
      429,
    );
  }
  const times = (recent.get(ownerId) ?? []).filter((t) => now - t < WINDOW_MS);
  if (times.length >= limits.messagesPerMinute) {
    const wait = Math.ceil((WINDOW_MS - (now - times[0])) / 1000);
    recent.set(ownerId, times);
    throw new AppError(
      'rate_limited',
      `Too many messages: at most ${limits.messagesPerMinute} a minute. Try again in ${wait} s.`,
      429,
    );
  }
  times.push(now);
  recent.set(ownerId, times);
}
