import { withNormalisedErrors } from './errors';

/**
 * On Stop the request's signal aborts the upstream read. The provider reports that read failure as
 * "Failed to process successful response", which the AI SDK cannot tell from a real failure, so the
 * stream would end in an error. Ending the body cleanly instead lets `streamText` see the abort and
 * finish with its `abort` part, as a stop should.
 */
export function withGracefulAbort(baseFetch: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await baseFetch(input, init);
    const signal = init?.signal;
    if (!signal || !response.body) return response;
    const reader = response.body.getReader();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (error) {
          if (signal.aborted) controller.close();
          else controller.error(error);
        }
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    });
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

/** The fetch every GLM request goes through. */
export function glmFetch(baseFetch: typeof fetch): typeof fetch {
  return withGracefulAbort(withNormalisedErrors(baseFetch));
}
