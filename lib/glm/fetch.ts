import { withChoiceCollection } from './choices';
import { deltaCoalescer } from './coalesce';
import { withNormalisedErrors } from './errors';
import { withUsageGuard } from './usage-guard';

/**
 * On Stop the request's signal aborts the upstream read. The provider reports that read failure as
 * "Failed to process successful response", which the AI SDK cannot tell from a real failure, so the
 * stream would end in an error. Ending the body cleanly instead lets `streamText` see the abort and
 * finish with its `abort` part, as a stop should.
 *
 * With `coalesce`, a successful event stream also goes through a `deltaCoalescer` (text deltas that
 * have already arrived are merged before the SDK parses them, see coalesce.ts), in the same stage.
 */
export function withGracefulAbort(
  baseFetch: typeof fetch,
  options: { coalesce?: boolean } = {},
): typeof fetch {
  return async (input, init) => {
    const response = await baseFetch(input, init);
    const signal = init?.signal;
    const coalescer =
      options.coalesce &&
      response.ok &&
      (response.headers.get('content-type') ?? '').includes('text/event-stream')
        ? deltaCoalescer()
        : undefined;
    if ((!signal && !coalescer) || !response.body) return response;
    const reader = response.body.getReader();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          // Read until there is something to pass on: a pull that enqueues nothing is not called again.
          for (;;) {
            const { done, value } = await reader.read();
            if (done) {
              const rest = coalescer?.end();
              if (rest?.byteLength) controller.enqueue(rest);
              controller.close();
              return;
            }
            const out = coalescer ? coalescer.push(value) : value;
            if (out.byteLength) {
              controller.enqueue(out);
              return;
            }
          }
        } catch (error) {
          if (signal?.aborted) controller.close();
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

/** Fails a request whose response headers do not come within `ms` (a hung or unreachable upstream). */
export function withFirstByteTimeout(baseFetch: typeof fetch, ms: number | undefined): typeof fetch {
  if (!ms) return baseFetch;
  return async (input, init) => {
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new Error(`GLM did not start answering within ${Math.round(ms / 1000)} s`)),
      ms,
    );
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout.signal]) : timeout.signal;
    try {
      return await baseFetch(input, { ...init, signal });
    } catch (error) {
      if (timeout.signal.aborted && !init?.signal?.aborted) throw timeout.signal.reason;
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * The fetch every GLM request goes through. The coalescer sits where the SDK reads: after the
 * choice collection (which sees every raw event), the usage guard (usage-guard.ts) and the error
 * normalisation.
 */
export function glmFetch(
  baseFetch: typeof fetch,
  options: { firstByteTimeoutMs?: number; coalesce?: boolean } = {},
): typeof fetch {
  return withGracefulAbort(
    withChoiceCollection(
      withUsageGuard(withNormalisedErrors(withFirstByteTimeout(baseFetch, options.firstByteTimeoutMs))),
    ),
    { coalesce: options.coalesce ?? true },
  );
}
