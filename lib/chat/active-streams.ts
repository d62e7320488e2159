import type { UIMessageChunk } from 'ai';

/**
 * Answers being generated in this process, by conversation. The Stop endpoint aborts through it, and
 * a second request for a conversation that is still answering is refused. Kept behind this small
 * interface so a shared store (e.g. Redis pub/sub) can replace it when several instances run.
 */
export interface ActiveStream {
  conversationId: string;
  ownerId: string;
  messageId: string;
  startedAt: number;
  abort(reason?: string): void;
  /** The answer's UI message stream from its first chunk (undefined while it is being set up). */
  subscribe(): ReadableStream<UIMessageChunk> | undefined;
  /** The same as server-sent events, ready to be a response body. */
  subscribeSse(): ReadableStream<Uint8Array> | undefined;
  /** Resolves once the answer has been saved in its final state. */
  done: Promise<void>;
}

export interface ActiveStreamRegistry {
  get(conversationId: string): ActiveStream | undefined;
  add(stream: ActiveStream): void;
  remove(conversationId: string, messageId: string): void;
  list(): ActiveStream[];
}

function createInProcessRegistry(): ActiveStreamRegistry {
  const streams = new Map<string, ActiveStream>();
  return {
    get: (conversationId) => streams.get(conversationId),
    add: (stream) => {
      streams.set(stream.conversationId, stream);
    },
    remove: (conversationId, messageId) => {
      if (streams.get(conversationId)?.messageId === messageId) streams.delete(conversationId);
    },
    list: () => [...streams.values()],
  };
}

const holder = globalThis as unknown as { __glmChatActiveStreams?: ActiveStreamRegistry };

export function activeStreams(): ActiveStreamRegistry {
  holder.__glmChatActiveStreams ??= createInProcessRegistry();
  return holder.__glmChatActiveStreams;
}
