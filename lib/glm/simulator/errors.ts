/** Pre-stream HTTP error bodies in each flavour's real shape (see the wire-protocol reference §2.4, §3.5, §4). */

import type { SimulatorFlavour } from './types';

export type ErrorKind =
  | 'context'
  | 'invalid'
  | 'auth-missing'
  | 'auth-invalid'
  | 'model-not-found'
  | 'route-not-found'
  | 'method'
  | 'timeout'
  | 'too-large'
  | 'rate-limit'
  | 'quota'
  | 'content-safety'
  | 'server'
  | 'unavailable';

export interface ErrorDetails {
  kind: ErrorKind;
  status: number;
  /** Overrides the flavour's canned message (used for `invalid`). */
  message?: string;
  model: string;
  path: string;
  requestId: string;
  promptTokens: number;
  maxTokens: number | null;
  /** The context window the error talks about. Default 131072. */
  contextLimit?: number;
}

export const CONTEXT_LIMIT = 131_072;

/** `::error STATUS [variant]` → error kind. */
export function errorKindForStatus(status: number, variant?: string): ErrorKind {
  switch (status) {
    case 400:
      return variant === 'invalid' ? 'invalid' : variant === 'sensitive' ? 'content-safety' : 'context';
    case 401:
      return 'auth-invalid';
    case 404:
      return 'model-not-found';
    case 405:
      return 'method';
    case 408:
      return 'timeout';
    case 413:
      return 'too-large';
    case 429:
      // `billing`: Z.ai's 1113 (no balance / no package for this endpoint), which it sends as a 429.
      return variant === 'quota' || variant === 'billing' ? 'quota' : 'rate-limit';
    case 503:
      return 'unavailable';
    default:
      return status >= 500 ? 'server' : 'invalid';
  }
}

function limitOf(d: ErrorDetails): number {
  return d.contextLimit ?? CONTEXT_LIMIT;
}

/** What the request asked for: its prompt (at least enough to overflow, for `::context-overflow`) and completion room. */
function requestedTokens(d: ErrorDetails): { messages: number; completion: number } {
  // For 131072 and no max_tokens: 130970 + 8192, the figures of the real vLLM message.
  const limit = limitOf(d);
  const completion = d.maxTokens ?? Math.min(8192, Math.floor(limit / 10) + 1);
  return { messages: Math.max(d.promptTokens, limit - Math.min(102, Math.floor(limit / 10))), completion };
}

function zaiBody(d: ErrorDetails): unknown {
  const codes: Record<ErrorKind, [string, string]> = {
    context: ['1261', 'Prompt exceeds max length'],
    invalid: ['1214', d.message ?? 'Invalid request parameters'],
    'auth-missing': ['1001', 'Authentication parameter not received in Header'],
    'auth-invalid': ['1000', 'Authentication Failed'],
    'model-not-found': ['1211', 'Unknown Model, please check the model code.'],
    'route-not-found': ['404', 'Not Found'],
    method: ['405', 'Method Not Allowed'],
    timeout: ['1234', 'Network error, please try again later'],
    'too-large': ['1210', 'Request body too large'],
    'rate-limit': ['1302', 'Rate limit reached for requests'],
    // Recorded 2025-12 and 2026-09 (zai-error-1113-http429.txt), with HTTP 429.
    quota: ['1113', 'Insufficient balance or no resource package. Please recharge.'],
    // Recorded 2024-05 (zai-error-1301-sensitive-400.txt), with HTTP 400.
    'content-safety': [
      '1301',
      '系统检测到输入或生成内容可能包含不安全或敏感内容，请您避免输入易产生敏感内容的提示语，感谢您的配合。',
    ],
    server: ['500', 'Internal Error'],
    unavailable: ['1305', 'The service may be temporarily overloaded, please try again later'],
  };
  const [code, message] = codes[d.kind];
  const withRequestId = d.status === 429 || d.status >= 500;
  return withRequestId ? { error: { code, message }, request_id: d.requestId } : { error: { code, message } };
}

/**
 * vLLM answers errors with its flat `{"object":"error",…}` body (recorded 2026-01 for GLM-4.7-FP8,
 * vllm-glm47-error-flat-context.txt) and words a context overflow as "The input (N tokens) is longer
 * than the model's context length (M tokens)."
 */
function vllmBody(d: ErrorDetails): unknown {
  if (d.kind === 'auth-missing' || d.kind === 'auth-invalid') return { error: 'Unauthorized' };
  if (d.kind === 'route-not-found') return { detail: 'Not Found' };
  if (d.kind === 'method') return { detail: 'Method Not Allowed' };
  const limit = limitOf(d);
  const { messages, completion } = requestedTokens(d);
  // The input alone too long (the recorded case), or the room asked for the answer on top of it.
  const contextMessage =
    d.promptTokens > limit || d.maxTokens === null
      ? `The input (${Math.max(d.promptTokens, limit + 1)} tokens) is longer than the model's context length (${limit} tokens).`
      : `'max_tokens' or 'max_completion_tokens' is too large: ${completion}. This model's maximum context length ` +
        `is ${limit} tokens and your request has ${messages} input tokens (${completion} > ${limit} - ${messages}).`;
  const table: Partial<Record<ErrorKind, [string, string]>> = {
    context: ['BadRequestError', contextMessage],
    invalid: ['BadRequestError', d.message ?? 'Invalid request'],
    'content-safety': ['BadRequestError', d.message ?? 'Invalid request'],
    'model-not-found': ['NotFoundError', `The model \`${d.model}\` does not exist.`],
    timeout: ['TimeoutError', 'Request timed out'],
    'too-large': ['BadRequestError', 'Request body too large'],
    'rate-limit': ['TooManyRequestsError', 'Too many requests, please retry later'],
    quota: ['TooManyRequestsError', 'Too many requests, please retry later'],
    unavailable: ['ServiceUnavailableError', 'The server is overloaded, please retry later'],
  };
  const [type, message] = table[d.kind] ?? ['InternalServerError', 'Internal server error'];
  return {
    object: 'error',
    message,
    type,
    param: d.kind === 'model-not-found' ? 'model' : null,
    code: d.status,
  };
}

function cloudflareBody(d: ErrorDetails): unknown {
  const { messages, completion } = requestedTokens(d);
  const route = `Could not route to ${d.path}, perhaps your object identifier is invalid?`;
  const codes: Record<ErrorKind, [number, string]> = {
    context: [
      5021,
      `AiError: The estimated number of input and maximum output tokens (${messages + completion}) exceeded ` +
        `this model context window limit (${limitOf(d)}).`,
    ],
    // Recorded as text only (opencode.school #174); the code is not in the record.
    invalid: [
      5006,
      d.message ??
        "AiError: Bad input: Error: oneOf at '/' not met... Type mismatch of '/messages/*/content', 'array' not in 'string'",
    ],
    'content-safety': [5006, d.message ?? 'AiError: Bad input: the request was rejected'],
    'auth-missing': [10000, 'Authentication error'],
    'auth-invalid': [10000, 'Authentication error'],
    'model-not-found': [7003, route],
    'route-not-found': [7003, route],
    method: [7003, route],
    timeout: [3007, 'Request timeout'],
    'too-large': [3006, 'Request is too large'],
    'rate-limit': [3040, 'Capacity temporarily exceeded, please try again.'],
    quota: [
      3036,
      "You have used up your daily free allocation of 10,000 neurons. Please upgrade to Cloudflare's Workers Paid plan if you would like to continue usage.",
    ],
    server: [3043, 'Internal server error'],
    unavailable: [3040, 'No more data centers to forward the request to'],
  };
  const [code, message] = codes[d.kind];
  if (d.kind === 'route-not-found' || d.kind === 'method') {
    // Recorded 2026-08 (cloudflare-error-bodies.txt): two errors, this key order.
    return {
      success: false,
      errors: [
        { code, message },
        { code: 7000, message: 'No route for that URI' },
      ],
      messages: [],
      result: null,
    };
  }
  return { result: null, success: false, errors: [{ code, message }], messages: [] };
}

function ollamaBody(d: ErrorDetails): unknown {
  const messages: Record<ErrorKind, string> = {
    context: 'the input length exceeds the context length',
    invalid: d.message ?? 'invalid request',
    'content-safety': d.message ?? 'invalid request',
    'auth-missing': 'unauthorized',
    'auth-invalid': 'unauthorized',
    'model-not-found': `model "${d.model}" not found, try pulling it first`,
    'route-not-found': '404 page not found',
    method: 'method not allowed',
    timeout: 'request timed out',
    'too-large': 'request body too large',
    'rate-limit': 'server busy, please try again.  maximum pending requests exceeded',
    quota: 'server busy, please try again.  maximum pending requests exceeded',
    server: 'an error was encountered while running the model',
    unavailable: 'server busy, please try again.  maximum pending requests exceeded',
  };
  const type =
    d.status === 400 ? 'invalid_request_error' : d.status === 404 ? 'not_found_error' : 'api_error';
  return { error: { message: messages[d.kind], type, param: null, code: null } };
}

function llamacppBody(d: ErrorDetails): unknown {
  if (d.kind === 'context') {
    return {
      error: {
        code: 400,
        message: 'the request exceeds the available context size, try increasing it',
        type: 'exceed_context_size_error',
        n_prompt_tokens: requestedTokens(d).messages,
        n_ctx: limitOf(d),
      },
    };
  }
  const table: Record<Exclude<ErrorKind, 'context'>, [string, string]> = {
    invalid: ['invalid_request_error', d.message ?? 'Invalid request'],
    'content-safety': ['invalid_request_error', d.message ?? 'Invalid request'],
    'auth-missing': ['authentication_error', 'Invalid API Key'],
    'auth-invalid': ['authentication_error', 'Invalid API Key'],
    'model-not-found': ['not_found_error', `model '${d.model}' not found`],
    'route-not-found': ['not_found_error', 'File Not Found'],
    method: ['not_supported_error', 'Method not allowed'],
    timeout: ['server_error', 'Request timed out'],
    'too-large': ['invalid_request_error', 'Request body too large'],
    'rate-limit': ['unavailable_error', 'Too many requests'],
    quota: ['unavailable_error', 'Too many requests'],
    server: ['server_error', 'Internal server error'],
    unavailable: ['unavailable_error', 'Loading model'],
  };
  const [type, message] = table[d.kind];
  return { error: { code: d.status, message, type } };
}

export function errorBody(flavour: SimulatorFlavour, details: ErrorDetails): unknown {
  switch (flavour) {
    case 'zai':
      return zaiBody(details);
    case 'vllm':
      return vllmBody(details);
    case 'cloudflare':
      return cloudflareBody(details);
    case 'ollama':
      return ollamaBody(details);
    case 'llamacpp':
      return llamacppBody(details);
  }
}

/** Builds the HTTP error response; 429/503 carry `Retry-After` (seconds). Ollama's unknown route is plain text. */
export function errorResponse(
  flavour: SimulatorFlavour,
  details: ErrorDetails,
  retryAfterSeconds: number,
  extraHeaders: Record<string, string> = {},
): Response {
  const headers: Record<string, string> = { ...extraHeaders };
  if (details.status === 429 || details.status === 503) headers['retry-after'] = String(retryAfterSeconds);
  if (flavour === 'ollama' && details.kind === 'route-not-found') {
    return new Response('404 page not found', {
      status: 404,
      headers: { ...headers, 'content-type': 'text/plain' },
    });
  }
  const contentType = flavour === 'zai' ? 'application/json;charset=UTF-8' : 'application/json';
  return new Response(JSON.stringify(errorBody(flavour, details)), {
    status: details.status,
    headers: { ...headers, 'content-type': contentType },
  });
}

/** Mid-stream error frames (HTTP 200 already sent). */
export const MIDSTREAM_ERROR = { error: { message: 'Internal error', type: 'api_error', code: '500' } };
export const MIDSTREAM_ERROR_FLAT = {
  object: 'error',
  message: 'Internal error',
  type: 'InternalServerError',
  param: null,
  code: 500,
};
