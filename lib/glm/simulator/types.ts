/** Public types of the GLM-4.7-Flash wire-protocol simulator. */

export type SimulatorFlavour = 'zai' | 'vllm' | 'cloudflare' | 'ollama' | 'llamacpp';

export const SIMULATOR_FLAVOURS: readonly SimulatorFlavour[] = [
  'zai',
  'vllm',
  'cloudflare',
  'ollama',
  'llamacpp',
];

export type VllmReasoningField = 'reasoning' | 'reasoning_content' | 'both';

export interface SimulatorOptions {
  /** Which backend's wire format to imitate. Default `'zai'`. */
  flavour?: SimulatorFlavour;
  /** Token pacing. Default 40. `0` or `Infinity` = as fast as the consumer pulls (no timers). */
  tokensPerSecond?: number;
  /** When set, every request must carry `Authorization: Bearer <apiKey>` (else 401 in the flavour's shape). */
  apiKey?: string;
  /** vLLM flavour: which delta field carries reasoning. Default `'reasoning'` (vLLM ≥ 2026). */
  vllmReasoningField?: VllmReasoningField;
  /** Split every frame across several body chunks (mid-JSON, mid-`\n\n`, mid-UTF-8) and coalesce some. */
  splitFrames?: boolean;
  /** Size of the request-log ring buffer. Default 500. */
  maxLoggedRequests?: number;
  /**
   * The model's context window in tokens. A request whose prompt (estimated as the simulator counts it)
   * plus `max_tokens`/`max_completion_tokens` exceeds it gets the flavour's real context-length error.
   * Default 131072 (Cloudflare's window for GLM-4.7-Flash).
   */
  contextSize?: number;
}

export type ResolvedSimulatorOptions = Required<SimulatorOptions>;

export interface RecordedRequest {
  /** `Date.now()` when the request arrived. */
  at: number;
  method: string;
  /** Path and query string, e.g. `/v1/chat/completions`. */
  path: string;
  /** Lower-cased header names; `authorization` is redacted. */
  headers: Record<string, string>;
  /** Parsed JSON body, or `null` when absent or not JSON. */
  body: unknown;
  /**
   * The `usage` object the response carries, exactly as sent on the wire (absent when the response has
   * none: errors, cut-off streams, or a stream without `stream_options.include_usage` where the
   * flavour only sends usage on request).
   */
  usage?: Record<string, unknown>;
}

export interface GlmSimulator {
  /** The core: a `Request` in, a `Response` with SSE bytes (or JSON) out. */
  handle(request: Request): Promise<Response>;
  /** Same as `handle`, shaped like `fetch` (usable as the `fetch` option of `createOpenAICompatible`). */
  fetch: typeof globalThis.fetch;
  /** Request log, newest last (ring buffer of `maxLoggedRequests`). */
  requests: RecordedRequest[];
  /** Lets every stream held by `::hold` go on; returns how many were waiting. */
  release(): number;
  /** While on, title requests are held before their text like `::hold` (until `release`). */
  holdTitles(hold: boolean): void;
  /** Clears the request log and the per-scenario counters (`::flaky`, id sequences); releases holds. */
  reset(): void;
  readonly options: ResolvedSimulatorOptions;
}
