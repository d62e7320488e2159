import { APICallError, JSONParseError, RetryError, TypeValidationError } from 'ai';
import {
  authSentence,
  contextWindowSentence,
  type KnownErrorCode,
  knownErrorCode,
  rateLimitSentence,
} from './error-codes';

/**
 * GLM backends disagree on error bodies. The AI SDK reads `{ error: { message, code } }` (Z.ai, vLLM,
 * Ollama, llama.cpp); Cloudflare answers with its v4 envelope `{ errors: [{ code, message }] }` and old
 * vLLM with a flat `{ object: "error", message }`. This rewrites the others into the first shape.
 */
export function normaliseErrorBody(body: unknown): unknown {
  if (!body || typeof body !== 'object') return body;
  const b = body as Record<string, unknown>;
  if (b.error && typeof b.error === 'object' && !Array.isArray(b.error)) return body;
  // Cloudflare v4 `errors[]` (often two: 7003 "Could not route…" with 7000 "No route for that URI"),
  // and AI Gateway's own `error[]`: every message is kept, the first code is the one that counts.
  const list = Array.isArray(b.errors) ? b.errors : Array.isArray(b.error) ? b.error : undefined;
  if (list && list.length > 0) {
    const entries = list.filter(
      (e): e is { code?: unknown; message?: unknown } => !!e && typeof e === 'object',
    );
    const messages = entries
      .map((e) => e.message)
      .filter((m): m is string => typeof m === 'string' && m !== '');
    const first = entries[0] ?? {};
    return {
      error: {
        message: messages.length > 0 ? messages.join('; ') : 'Unknown Cloudflare error',
        code: typeof first.code === 'number' || typeof first.code === 'string' ? first.code : undefined,
        type: 'cloudflare_error',
      },
    };
  }
  // AI Gateway's gateway-level errors: `{ name: "AiGatewayError", internalCode: 2009, message }`.
  if (b.name === 'AiGatewayError' && typeof b.message === 'string') {
    return { error: { message: b.message, code: b.internalCode, type: 'cloudflare_error' } };
  }
  if (b.object === 'error' && typeof b.message === 'string') {
    return { error: { message: b.message, code: b.code, type: b.type } };
  }
  if (typeof b.error === 'string') return { error: { message: b.error } };
  return body;
}

/** A fetch that normalises JSON error bodies before the AI SDK parses them. */
export function withNormalisedErrors(baseFetch: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await baseFetch(input, init);
    if (response.ok) return response;
    const text = await response.text();
    let body: string = text;
    try {
      body = JSON.stringify(normaliseErrorBody(JSON.parse(text)));
    } catch {
      // not JSON: keep the text as it came
    }
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

const CONTEXT_PATTERNS = [
  /maximum context length/i,
  /prompt exceeds max length/i,
  /context.{0,20}(window|length|size)/i,
  /exceed_context_size/i,
  /too many tokens/i,
];

export function upstreamCode(error: APICallError): string | undefined {
  try {
    const body = error.responseBody
      ? (JSON.parse(error.responseBody) as { error?: { code?: unknown } })
      : undefined;
    const code = body?.error?.code;
    return code === undefined || code === null ? undefined : String(code);
  } catch {
    return undefined;
  }
}

function upstreamMessage(error: APICallError): string {
  try {
    const body = error.responseBody
      ? (JSON.parse(error.responseBody) as { error?: { message?: unknown } })
      : undefined;
    if (typeof body?.error?.message === 'string') return body.error.message;
  } catch {
    // fall through
  }
  return error.message;
}

/**
 * True when a GLM call failed because the prompt (plus the room asked for the answer) does not fit the
 * model's context window, in any backend's words: Z.ai `1261 Prompt exceeds max length`, vLLM
 * `This model's maximum context length is 131072 tokens…`, Cloudflare `5021 … exceeded this model
 * context window limit`, Ollama `the input length exceeds the context length`, llama.cpp
 * `exceed_context_size_error`. The app then offers to drop or compact the oldest turns.
 */
export function isContextLengthError(error: unknown): boolean {
  if (RetryError.isInstance(error)) return isContextLengthError(error.lastError);
  if (!APICallError.isInstance(error) || (error.statusCode ?? 0) < 400) return false;
  const known = knownErrorCode(upstreamCode(error));
  if (known) return known.category === 'context';
  const message = upstreamMessage(error);
  const type = (() => {
    try {
      const body = error.responseBody
        ? (JSON.parse(error.responseBody) as { error?: { type?: unknown } })
        : undefined;
      return typeof body?.error?.type === 'string' ? body.error.type : '';
    } catch {
      return '';
    }
  })();
  return type === 'exceed_context_size_error' || CONTEXT_PATTERNS.some((p) => p.test(message));
}

/** Turns any error from a GLM call into one sentence a user can act on (never a stack trace). */
export function describeGlmError(error: unknown): string {
  if (RetryError.isInstance(error)) return describeGlmError(error.lastError);
  if (APICallError.isInstance(error) && (error.statusCode ?? 0) < 400 && error.statusCode !== undefined) {
    // The answer had started (HTTP 200) and the stream broke: the cause says how.
    const cause = error.cause instanceof Error ? error.cause.message : undefined;
    return `The connection to the GLM server failed while answering${cause ? ` (${cause})` : ''}.`;
  }
  if (JSONParseError.isInstance(error)) {
    return 'GLM sent part of its answer as broken data the app could not read; the answer stops there.';
  }
  if (TypeValidationError.isInstance(error)) {
    // A frame the provider could not read, e.g. old vLLM's flat {"object":"error",…} mid-stream.
    const normalised = normaliseErrorBody(error.value) as { error?: { message?: unknown } };
    return typeof normalised?.error?.message === 'string'
      ? `GLM reported an error while answering (${normalised.error.message}).`
      : 'GLM sent a response the app could not read.';
  }
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    const code = upstreamCode(error);
    const message = upstreamMessage(error).replace(/\s+/g, ' ').trim();
    const detail = message ? ` (${message})` : '';
    const known = knownErrorCode(code);
    if (known) return known.sentence(detail);
    if (status === 401 || status === 403) return authSentence(detail);
    if (status === 429) return rateLimitSentence(detail);
    if (CONTEXT_PATTERNS.some((p) => p.test(message)) || status === 413) return contextWindowSentence(detail);
    if (status === 404)
      return `The GLM model or endpoint was not found${detail}. Check GLM_MODEL and GLM_BASE_URL.`;
    if (status === 408) return `The GLM service timed out${detail}. Try again.`;
    if (status !== undefined && status >= 500) {
      return `The GLM service is overloaded or failing (HTTP ${status})${detail}. Try again.`;
    }
    if (status === 400) return `GLM refused the request${detail}.`;
    if (status === undefined) return `Could not reach the GLM server${detail}.`;
    return `GLM answered with HTTP ${status}${detail}.`;
  }
  if (error instanceof Error) {
    if (/without a finish reason/i.test(error.message)) {
      return 'The connection to GLM ended before the answer was complete.';
    }
    if (
      /fetch failed|ECONNREFUSED|ECONNRESET|socket hang up|terminated|other side closed/i.test(error.message)
    ) {
      return `The connection to the GLM server failed (${error.message}).`;
    }
    return error.message;
  }
  if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') {
    // A mid-stream error frame ({"error":{…}}) arrives as its plain object.
    return `GLM reported an error while answering (${(error as { message: string }).message}).`;
  }
  return typeof error === 'string' ? error : 'The GLM request failed.';
}

/** The known business code an error carries (through a RetryError too), if any. */
export function knownCodeOf(error: unknown): KnownErrorCode | undefined {
  if (RetryError.isInstance(error)) return knownCodeOf(error.lastError);
  return APICallError.isInstance(error) ? knownErrorCode(upstreamCode(error)) : undefined;
}
