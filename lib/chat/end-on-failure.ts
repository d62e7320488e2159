import type { UIMessageChunk } from 'ai';
import type { ChatMessageMetadata } from './types';

/**
 * When the answer's stream itself fails (a dropped upstream connection surfaces as a stream error,
 * not an error part), end it as an answer that failed: a metadata chunk with the reason, an error
 * chunk, and a clean close. The browser and the stored row then both keep what arrived, with the
 * same `error` status, instead of a broken response and a row left `streaming`.
 */
export function endOnFailure(
  source: ReadableStream<UIMessageChunk>,
  explain: (error: unknown) => string,
  /** Stopped on purpose: a failure caused by the stop just ends the stream. */
  stopped: () => boolean,
): ReadableStream<UIMessageChunk> {
  const reader = source.getReader();
  return new ReadableStream<UIMessageChunk>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        if (stopped()) {
          controller.close();
          return;
        }
        const errorText = explain(error);
        const messageMetadata: ChatMessageMetadata = { status: 'error', errorText };
        controller.enqueue({ type: 'message-metadata', messageMetadata });
        controller.enqueue({ type: 'error', errorText });
        controller.close();
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}
