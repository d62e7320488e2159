import { UI_MESSAGE_STREAM_HEADERS } from 'ai';

/**
 * A UI message stream response from already encoded server-sent events (`StreamHub.subscribeSse`).
 * `no-transform` keeps the server's gzip off this response: compressing an event stream costs a
 * deflate state per stream and a flush per event, and delays nothing less than a token.
 */
export function sseResponse(body: ReadableStream<Uint8Array>): Response {
  return new Response(body, {
    headers: { ...UI_MESSAGE_STREAM_HEADERS, 'cache-control': 'no-cache, no-transform' },
  });
}
