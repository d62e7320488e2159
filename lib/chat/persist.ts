import { readUIMessageStream, type UIMessageChunk } from 'ai';
import type { Db } from '@/db/client';
import { checkpointAssistantMessage, finishAssistantMessage } from '@/db/queries/messages';
import type { ChatMessageMetadata, ChatUIMessage, MessageStatus } from './types';

/** How far behind the stream the stored partial answer may be (a crash loses at most this). */
export const CHECKPOINT_INTERVAL_MS = 1000;

/**
 * Reads one branch of the UI message stream into the answer's row: a checkpoint at most once per
 * interval while it streams, then exactly one final write with the end status.
 */
export async function persistAnswer(options: {
  db: Db;
  messageId: string;
  stream: ReadableStream<UIMessageChunk>;
  startMetadata: ChatMessageMetadata;
  checkpointIntervalMs?: number;
  /** Runs in the same transaction as the final write (e.g. recording the answer's usage). */
  onFinish?: (message: ChatUIMessage) => void;
}): Promise<{ status: MessageStatus; message: ChatUIMessage }> {
  const { db, messageId } = options;
  const interval = options.checkpointIntervalMs ?? CHECKPOINT_INTERVAL_MS;
  let latest: ChatUIMessage = {
    id: messageId,
    role: 'assistant',
    parts: [],
    metadata: options.startMetadata,
  };
  let lastWrite = Date.now();
  let streamError: string | undefined;

  for await (const message of readUIMessageStream<ChatUIMessage>({
    stream: options.stream,
    onError: (error) => {
      streamError = error instanceof Error ? error.message : String(error);
    },
  })) {
    latest = message;
    const now = Date.now();
    if (now - lastWrite >= interval) {
      checkpointAssistantMessage(db, messageId, latest.parts, latest.metadata ?? {});
      lastWrite = now;
    }
  }

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
