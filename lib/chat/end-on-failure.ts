import type { UIMessageChunk } from 'ai';
import type { HubOptions } from './stream-hub';
import type { ChatMessageMetadata } from './types';

/**
 * When the answer's stream itself fails (a dropped upstream connection surfaces as a stream error,
 * not an error part), end it as an answer that failed: a metadata chunk with the reason, an error
 * chunk, and a clean close. The browser and the stored row then both keep what arrived, with the
 * same `error` status, instead of a broken response and a row left `streaming`. After a stop, error
 * parts are dropped (the stop's own abort is not a failure). As `StreamHub` options:
 */
export function failureHandling(
  explain: (error: unknown) => string,
  stopped: () => boolean,
): HubOptions<UIMessageChunk> {
  return {
    // A stop aborts the upstream read: the error part that causes is not a failure to report.
    skip: (chunk) => chunk.type === 'error' && stopped(),
    onFailure: (error) => {
      if (stopped()) return [];
      const errorText = explain(error);
      const messageMetadata: ChatMessageMetadata = { status: 'error', errorText };
      return [
        { type: 'message-metadata', messageMetadata },
        { type: 'error', errorText },
      ];
    },
  };
}

/**
 * The whole stream of an answer whose turn failed on the server before GLM was called (its row is
 * already ended as `error`): the answer starts, says why it failed, and ends, so the browser shows
 * the same failed answer as the stored row, as it does for a failure mid-stream.
 */
export function failedAnswerStream(
  messageId: string,
  metadata: ChatMessageMetadata,
  errorText: string,
): ReadableStream<UIMessageChunk> {
  const messageMetadata: ChatMessageMetadata = { ...metadata, status: 'error', errorText };
  const chunks: UIMessageChunk[] = [
    { type: 'start', messageId, messageMetadata },
    { type: 'message-metadata', messageMetadata },
    { type: 'error', errorText },
  ];
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

/**
 * The AI SDK writes an error part's `error` chunk before the `message-metadata` chunk our tracker
 * derives from the same part (lib/chat/metadata.ts). A browser stops reading at the `error` chunk, so
 * it would never see the reason and fall back to a generic sentence, while the stored row (which
 * reads on) has the specific one. Swapping the two makes the live view carry the same sentence.
 */
export function metadataBeforeError(): TransformStream<UIMessageChunk, UIMessageChunk> {
  let heldError: UIMessageChunk | undefined;
  return new TransformStream({
    transform(chunk, controller) {
      if (heldError) {
        if (chunk.type === 'message-metadata') controller.enqueue(chunk);
        controller.enqueue(heldError);
        heldError = undefined;
        if (chunk.type === 'message-metadata') return;
      }
      if (chunk.type === 'error') heldError = chunk;
      else controller.enqueue(chunk);
    },
    flush(controller) {
      if (heldError) controller.enqueue(heldError);
    },
  });
}
