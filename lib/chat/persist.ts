import { readUIMessageStream, type UIMessageChunk } from 'ai';
import type { Db } from '@/db/client';
import { checkpointAssistantMessage, finishAssistantMessage } from '@/db/queries/messages';
import type { StreamHub } from './stream-hub';
import type { ChatMessageMetadata, ChatUIMessage, MessageStatus } from './types';

/** How far behind the stream the stored partial answer may be (a crash loses at most this). */
export const CHECKPOINT_INTERVAL_MS = 1000;

type DeltaChunk = Extract<UIMessageChunk, { type: 'text-delta' | 'reasoning-delta' | 'tool-input-delta' }>;

function isDelta(chunk: UIMessageChunk): chunk is DeltaChunk {
  return chunk.type === 'text-delta' || chunk.type === 'reasoning-delta' || chunk.type === 'tool-input-delta';
}

/**
 * The chunks of an answer so far, with runs of deltas to the same part joined into one: the same
 * message comes out of them, from a list as long as the answer has parts rather than tokens.
 */
export class CompactChunks {
  readonly chunks: UIMessageChunk[] = [];

  push(chunk: UIMessageChunk): void {
    const last = this.chunks.at(-1);
    const merged = last && isDelta(last) && isDelta(chunk) ? join(last, chunk) : undefined;
    if (merged) this.chunks[this.chunks.length - 1] = merged;
    else this.chunks.push(chunk);
  }
}

/** Two deltas to the same part as one (a new object: chunks are shared with the stream's other readers). */
function join(a: DeltaChunk, b: DeltaChunk): DeltaChunk | undefined {
  if (a.type === 'tool-input-delta') {
    if (b.type !== 'tool-input-delta' || a.toolCallId !== b.toolCallId) return undefined;
    return { ...a, inputTextDelta: a.inputTextDelta + b.inputTextDelta };
  }
  if (b.type !== a.type || b.id !== a.id || a.providerMetadata) return undefined;
  return { ...a, delta: a.delta + b.delta, providerMetadata: b.providerMetadata };
}

/** The message the chunks make, through the AI SDK's own reader (one snapshot per chunk here). */
async function messageOf(
  chunks: readonly UIMessageChunk[],
  initial: ChatUIMessage,
  onError: (error: unknown) => void,
): Promise<ChatUIMessage> {
  let latest = initial;
  const stream = new ReadableStream<UIMessageChunk>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  for await (const message of readUIMessageStream<ChatUIMessage>({ stream, onError })) latest = message;
  return latest;
}

/**
 * Reads one branch of the UI message stream into the answer's row: a checkpoint at most once per
 * interval while it streams, then exactly one final write with the end status. The chunks are only
 * collected as they arrive (synchronously, from the hub: no stream stage per token); the message is
 * built from them when it is written (the SDK's reader would copy the whole growing message on
 * every token).
 */
export async function persistAnswer(options: {
  db: Db;
  messageId: string;
  /** The answer's hub (or any source that replays its chunks to a listener). */
  source: Pick<StreamHub<UIMessageChunk>, 'listen'>;
  startMetadata: ChatMessageMetadata;
  checkpointIntervalMs?: number;
  /** Runs in the same transaction as the final write (e.g. recording the answer's usage). */
  onFinish?: (message: ChatUIMessage) => void;
}): Promise<{ status: MessageStatus; message: ChatUIMessage }> {
  const { db, messageId } = options;
  const interval = options.checkpointIntervalMs ?? CHECKPOINT_INTERVAL_MS;
  const initial: ChatUIMessage = {
    id: messageId,
    role: 'assistant',
    parts: [],
    metadata: options.startMetadata,
  };
  const collected = new CompactChunks();
  let lastWrite = Date.now();
  let streamError: string | undefined;
  const onError = (error: unknown) => {
    streamError = error instanceof Error ? error.message : String(error);
  };
  // One checkpoint at a time (a busy server skips one rather than queueing copies of the answer);
  // the final write waits for it.
  let checkpoint: Promise<void> | undefined;
  const startCheckpoint = (chunks: UIMessageChunk[]) => {
    checkpoint = (async () => {
      const partial = await messageOf(chunks, initial, onError);
      checkpointAssistantMessage(db, messageId, partial.parts, partial.metadata ?? {});
    })()
      .catch(onError)
      .finally(() => {
        checkpoint = undefined;
      });
  };

  await new Promise<void>((resolve) => {
    options.source.listen({
      chunk(value) {
        collected.push(value);
        const now = Date.now();
        if (now - lastWrite >= interval && !checkpoint) {
          lastWrite = now;
          startCheckpoint([...collected.chunks]);
        }
      },
      end(failure) {
        if (failure !== undefined) onError(failure);
        resolve();
      },
    });
  });
  await checkpoint;

  const latest = await messageOf(collected.chunks, initial, onError);
  const metadata: ChatMessageMetadata = { ...options.startMetadata, ...latest.metadata };
  let status = metadata.status;
  if (status === undefined || status === 'streaming') {
    // The stream ended without a finish, stop or error part: keep what arrived, say what happened.
    status = 'error';
    metadata.errorText ??= streamError ?? 'The answer ended unexpectedly.';
  }
  const message: ChatUIMessage = { ...latest, id: messageId, metadata: { ...metadata, status } };
  db.transaction(() => {
    finishAssistantMessage(db, messageId, latest.parts, metadata, status);
    options.onFinish?.(message);
  });
  return { status, message };
}
