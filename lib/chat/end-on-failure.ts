import type { UIMessageChunk } from 'ai';
import type { ChatMessageMetadata } from './types';

/**
 * When the answer's stream itself fails (a dropped upstream connection surfaces as a stream error,
 * not an error part), end it as an answer that failed: a metadata chunk with the reason, an error
 * chunk, and a clean close. The browser and the stored row then both keep what arrived, with the
 * same `error` status, instead of a broken response and a row left `streaming`. After a stop, error
 * parts are dropped (the stop's own abort is not a failure).
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
        for (;;) {
          const { done, value } = await reader.read();
          if (done) {
            controller.close();
            return;
          }
          // A stop aborts the upstream read: the error part that causes is not a failure to report.
          if (value.type === 'error' && stopped()) continue;
          controller.enqueue(value);
          return;
        }
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
