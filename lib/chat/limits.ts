import { AppError, ConflictError } from '@/lib/errors';

const WINDOW_MS = 60_000;
const recent = new Map<string, number[]>();

export interface TurnLimits {
  messagesPerMinute: number;
  concurrentStreams: number;
}

/** A turn's place under the caps, held from before its first await until the turn has ended. */
export interface TurnReservation {
  readonly ownerId: string;
  readonly conversationId: string;
  /** Gives the place back; safe to call more than once (every end of a turn calls it). */
  release(): void;
}

interface Held {
  /** Reserved turns per owner. */
  byOwner: Map<string, number>;
  /** Owner and conversation of each reserved turn (another owner's id is not this owner's). */
  conversations: Set<string>;
}

const holder = globalThis as unknown as { __glmChatTurnReservations?: Held };

function held(): Held {
  holder.__glmChatTurnReservations ??= { byOwner: new Map(), conversations: new Set() };
  return holder.__glmChatTurnReservations;
}

/**
 * Counts one call to GLM against the owner's rate (messages per minute): a chat turn, and a
 * summary made to compact the context. Throws 429 past the limit; a refused call does not count.
 */
export function takeRateSlot(ownerId: string, messagesPerMinute: number, now = Date.now()): void {
  const times = (recent.get(ownerId) ?? []).filter((t) => now - t < WINDOW_MS);
  if (times.length >= messagesPerMinute) {
    const wait = Math.ceil((WINDOW_MS - (now - times[0])) / 1000);
    recent.set(ownerId, times);
    throw new AppError(
      'rate_limited',
      `Too many messages: at most ${messagesPerMinute} a minute. Try again in ${wait} s.`,
      429,
    );
  }
  times.push(now);
  recent.set(ownerId, times);
}

/**
 * Takes a turn's place, synchronously, before anything the turn awaits (the MCP connections, the
 * database): at most M answers per user running or being set up at once, one per conversation, and
 * at most N messages a minute. Parallel sends therefore cannot all pass the check while an MCP
 * server connects. The caller releases it when the turn ends, whichever way it ends.
 * In memory (one process); a shared store would replace it with the stream registry.
 */
export function reserveTurn(
  ownerId: string,
  conversationId: string,
  limits: TurnLimits,
  now = Date.now(),
): TurnReservation {
  const state = held();
  const key = `${ownerId}\u0000${conversationId}`;
  if (state.conversations.has(key)) {
    throw new ConflictError('An answer is still being written in this conversation. Stop it or wait for it.');
  }
  const running = state.byOwner.get(ownerId) ?? 0;
  if (running >= limits.concurrentStreams) {
    throw new AppError(
      'too_many_streams',
      `${running} answers are already being written for you. Wait for one to finish, or stop it.`,
      429,
    );
  }
  takeRateSlot(ownerId, limits.messagesPerMinute, now);
  state.byOwner.set(ownerId, running + 1);
  state.conversations.add(key);
  let released = false;
  return {
    ownerId,
    conversationId,
    release() {
      if (released) return;
      released = true;
      const left = (state.byOwner.get(ownerId) ?? 1) - 1;
      if (left > 0) state.byOwner.set(ownerId, left);
      else state.byOwner.delete(ownerId);
      state.conversations.delete(key);
    },
  };
}
