/** `createSimulator`: the `(Request) => Response` core, request log and per-scenario counters. */

import { type Directives, parseDirectives } from './directives';
import {
  CONTEXT_LIMIT,
  type ErrorDetails,
  type ErrorKind,
  errorKindForStatus,
  errorResponse,
} from './errors';
import { FLAVOURS, type Flavour } from './flavours';
import type { ResponseContext } from './flavours/types';
import { planStream } from './plan';
import { createRng, hashString, type Rng } from './random';
import { type ChatRequest, DEFAULT_MODEL, isRecord, lastUserText, parseChatRequest } from './request';
import { buildScript, type Script, totalsOf } from './scenario';
import { toWrites } from './sse';
import { createBody, intervalForRate } from './stream';
import { titleRequestQuestion, titleScript } from './title';
import {
  type GlmSimulator,
  type RecordedRequest,
  type ResolvedSimulatorOptions,
  SIMULATOR_FLAVOURS,
  type SimulatorFlavour,
  type SimulatorOptions,
} from './types';

const REDACTED_HEADERS = new Set(['authorization', 'x-api-key']);
const MAX_TRACKED_KEYS = 10_000;
const MODEL_CREATED = 1_768_780_800; // 2026-01-19, the release date

export function resolveOptions(options: SimulatorOptions = {}): ResolvedSimulatorOptions {
  const resolved: ResolvedSimulatorOptions = {
    flavour: options.flavour ?? 'zai',
    tokensPerSecond: options.tokensPerSecond ?? 40,
    apiKey: options.apiKey ?? '',
    vllmReasoningField: options.vllmReasoningField ?? 'reasoning',
    splitFrames: options.splitFrames ?? false,
    maxLoggedRequests: options.maxLoggedRequests ?? 500,
    contextSize: options.contextSize ?? CONTEXT_LIMIT,
  };
  if (!SIMULATOR_FLAVOURS.includes(resolved.flavour)) {
    throw new Error(
      `Unknown simulator flavour "${resolved.flavour}" (expected ${SIMULATOR_FLAVOURS.join(', ')})`,
    );
  }
  if (Number.isNaN(resolved.tokensPerSecond) || resolved.tokensPerSecond < 0) {
    throw new Error('tokensPerSecond must be a number ≥ 0 (0 or Infinity = no pacing)');
  }
  if (!Number.isInteger(resolved.contextSize) || resolved.contextSize <= 0) {
    throw new Error('contextSize must be a whole number of tokens > 0');
  }
  if (!Number.isInteger(resolved.maxLoggedRequests) || resolved.maxLoggedRequests < 0) {
    throw new Error('maxLoggedRequests must be an integer ≥ 0');
  }
  return resolved;
}

function isFlavour(value: string): value is SimulatorFlavour {
  return (SIMULATOR_FLAVOURS as readonly string[]).includes(value);
}

function recordHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = REDACTED_HEADERS.has(name) ? '[redacted]' : value;
  });
  return out;
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function toolCallCount(script: Script): number {
  return script.events.filter((event) => event.type === 'tool-call').length;
}

export function createSimulator(options: SimulatorOptions = {}): GlmSimulator {
  const resolved = resolveOptions(options);
  const requests: RecordedRequest[] = [];
  const flakyCounts = new Map<string, number>();
  // Streams waiting at a `::hold` for the test to release them.
  const held = new Set<() => void>();
  let holdingTitles = false;
  const bodySequence = new Map<number, number>();

  const bump = <K>(map: Map<K, number>, key: K): number => {
    if (map.size > MAX_TRACKED_KEYS) map.clear();
    const next = (map.get(key) ?? 0) + 1;
    map.set(key, next);
    return next;
  };

  const record = (entry: RecordedRequest): void => {
    if (resolved.maxLoggedRequests === 0) return;
    requests.push(entry);
    while (requests.length > resolved.maxLoggedRequests) requests.shift();
  };

  /** Deterministic per request: the n-th request with the same body always gets the same ids. */
  const rngFor = (bodyText: string): Rng => {
    const hash = hashString(bodyText);
    const n = bump(bodySequence, hash);
    return createRng(hash ^ Math.imul(n, 0x9e3779b1));
  };

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = `${url.pathname}${url.search}`;
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    const bodyText = hasBody ? await request.text() : '';
    const body = parseJson(bodyText);
    const entry: RecordedRequest = {
      at: Date.now(),
      method: request.method,
      path,
      headers: recordHeaders(request.headers),
      body,
    };
    record(entry);

    const headerFlavour = request.headers.get('x-simulator-flavour');
    const flavourName = headerFlavour && isFlavour(headerFlavour) ? headerFlavour : resolved.flavour;
    const flavour = FLAVOURS[flavourName];
    const rng = rngFor(`${request.method} ${path} ${bodyText}`);
    const requestId = flavour.completionId(rng, new Date());
    const model = isRecord(body) && typeof body.model === 'string' ? body.model : DEFAULT_MODEL;
    const fail = (kind: ErrorKind, status: number, retryAfter = 1, message?: string): Response => {
      const details: ErrorDetails = {
        kind,
        status,
        message,
        model,
        path: url.pathname,
        requestId,
        promptTokens: 0,
        maxTokens: null,
      };
      return errorResponse(flavour.name, details, retryAfter, { 'x-glm-simulator': flavour.name });
    };

    if (headerFlavour !== null && !isFlavour(headerFlavour)) {
      return fail(
        'invalid',
        400,
        1,
        `Unknown x-simulator-flavour "${headerFlavour}" (expected ${SIMULATOR_FLAVOURS.join(', ')})`,
      );
    }
    if (resolved.apiKey !== '') {
      const auth = request.headers.get('authorization');
      if (auth === null) return fail('auth-missing', 401);
      if (auth !== `Bearer ${resolved.apiKey}`) return fail('auth-invalid', 401);
    }

    const isChat = url.pathname.endsWith('/chat/completions');
    if (isChat && request.method !== 'POST') return fail('method', 405);
    if (!isChat) {
      if (request.method === 'GET' && url.pathname.endsWith('/models')) return modelsResponse(flavour);
      return fail('route-not-found', 404);
    }
    if (body === null) return fail('invalid', 400, 1, 'Request body is not valid JSON');
    const parsed = parseChatRequest(body);
    if (!parsed.ok) return fail('invalid', 400, 1, parsed.message);

    const chat = parsed.request;
    // A title request quotes the conversation's first message: its directives apply to the title too.
    const titleQuestion = titleRequestQuestion(chat.messages);
    const userText = titleQuestion ?? lastUserText(chat.messages);
    const { directives, question } = parseDirectives(userText);
    // (A test holding titles sees the provisional one for as long as it needs.)
    if (titleQuestion !== null && holdingTitles) directives.holdAfter = 0;
    const contextLimit = directives.contextLimit ?? resolved.contextSize;
    const errorDetails = (kind: ErrorKind, status: number): ErrorDetails => ({
      kind,
      status,
      model: chat.model,
      path: url.pathname,
      requestId,
      promptTokens: chat.promptTokens,
      maxTokens: chat.maxTokens,
      contextLimit,
    });
    const headers = { 'x-glm-simulator': flavour.name };

    if (titleQuestion !== null && directives.titleError) {
      return errorResponse(flavour.name, errorDetails('server', 500), 0, headers);
    }
    if (directives.error) {
      const { status, variant } = directives.error;
      return errorResponse(
        flavour.name,
        errorDetails(errorKindForStatus(status, variant), status),
        directives.retryAfter ?? 1,
        headers,
      );
    }
    if (directives.contextOverflow || chat.promptTokens + (chat.maxTokens ?? 0) > contextLimit) {
      return errorResponse(flavour.name, errorDetails('context', 400), 1, headers);
    }
    if (directives.flaky !== undefined && bump(flakyCounts, userText) <= directives.flaky) {
      return errorResponse(
        flavour.name,
        errorDetails('rate-limit', 429),
        directives.retryAfter ?? 0,
        headers,
      );
    }

    const script =
      titleQuestion !== null
        ? titleScript(question)
        : buildScript({
            request: chat,
            directives,
            question,
            streamsToolArguments: flavour.name === 'llamacpp' || (flavour.name === 'zai' && chat.toolStream),
          });
    const toolCallIds = Array.from({ length: toolCallCount(script) }, () => flavour.toolCallId(rng));
    // `n` > 1: the other choices, each its own script (only for an answer that ends normally).
    const extraScripts =
      chat.stream && script.ending.type === 'finish'
        ? Array.from({ length: chat.n - 1 }, (_, i) =>
            buildScript({
              request: chat,
              directives,
              question,
              streamsToolArguments:
                flavour.name === 'llamacpp' || (flavour.name === 'zai' && chat.toolStream),
              choice: i + 1,
            }),
          )
        : [];
    const extraToolCallIds = extraScripts.map((extra) =>
      Array.from({ length: toolCallCount(extra) }, () => flavour.toolCallId(rng)),
    );
    const rate = directives.rate ?? resolved.tokensPerSecond;
    const ctx: ResponseContext = {
      id: requestId,
      created: Math.floor(Date.now() / 1000),
      model: chat.model,
      includeUsage: chat.includeUsage,
      continuousUsage: chat.continuousUsage,
      vllmReasoningField: resolved.vllmReasoningField,
      tokensPerSecond: rate,
      rng,
    };
    const respond = chat.stream ? streamResponse : completionResponse;
    return respond({
      flavour,
      ctx,
      chat,
      script,
      directives,
      toolCallIds,
      extraScripts,
      extraToolCallIds,
      request,
      splitFrames: resolved.splitFrames,
      hold: (cancelled) =>
        new Promise<void>((resolve) => {
          held.add(resolve);
          cancelled.addEventListener('abort', () => held.delete(resolve), { once: true });
        }),
      onUsage: (usage) => {
        entry.usage = usage;
      },
    });
  }

  function releaseHeld(): number {
    const waiting = [...held];
    held.clear();
    for (const resolve of waiting) resolve();
    return waiting.length;
  }

  const simulator: GlmSimulator = {
    handle,
    fetch: (input, init) => handle(new Request(input, init)),
    requests,
    release: releaseHeld,
    holdTitles(hold) {
      holdingTitles = hold;
    },
    reset() {
      holdingTitles = false;
      releaseHeld();
      requests.length = 0;
      flakyCounts.clear();
      bodySequence.clear();
    },
    options: resolved,
  };
  return simulator;
}

interface RespondInput {
  flavour: Flavour;
  ctx: ResponseContext;
  chat: ChatRequest;
  script: Script;
  directives: Directives;
  toolCallIds: string[];
  extraScripts: Script[];
  extraToolCallIds: string[][];
  request: Request;
  splitFrames: boolean;
  /** Told the `usage` object the response carries (wire form), for the request log. */
  onUsage: (usage: Record<string, unknown>) => void;
  /** Resolves when the test releases held streams (`::hold`); a body that ends meanwhile cancels it. */
  hold: (cancelled: AbortSignal) => Promise<void>;
}

function usageIn(json: unknown): Record<string, unknown> | undefined {
  if (!isRecord(json) || !isRecord(json.usage)) return undefined;
  return json.usage;
}

/** The flavour, with its finish chunks reported to `onUsage` (the usage that reaches the client). */
function reportingUsage(flavour: Flavour, onUsage: RespondInput['onUsage']): Flavour {
  return {
    ...flavour,
    finishChunks: (ctx, reason, usage) => {
      const chunks = flavour.finishChunks(ctx, reason, usage);
      // The usage a correct client keeps: Workers AI's last finish chunk repeats usage as all zeros.
      const sent = chunks.map(usageIn).filter((u) => u !== undefined);
      const real = sent.findLast((u) => typeof u.total_tokens === 'number' && u.total_tokens > 0);
      const kept = real ?? sent.at(-1);
      if (kept) onUsage(kept);
      return chunks;
    },
  };
}

function streamResponse(input: RespondInput): Response {
  const { ctx, chat, script, directives, toolCallIds, request, splitFrames } = input;
  const flavour = reportingUsage(input.flavour, input.onUsage);
  const items = planStream(flavour, ctx, script, {
    keepalive: directives.keepalive,
    promptTokens: chat.promptTokens,
    toolCallIds,
    extraScripts: input.extraScripts,
    extraToolCallIds: input.extraToolCallIds,
    logprobs: chat.logprobs ? { top: chat.topLogprobs } : undefined,
    holdAfter: directives.holdAfter,
  });
  const writes = toWrites(items, { split: splitFrames || directives.split, utf8Split: directives.unicode });
  const body = createBody(writes, {
    intervalMs: intervalForRate(ctx.tokensPerSecond),
    signal: request.signal,
    hold: input.hold,
  });
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': flavour.streamContentType,
      'cache-control': 'no-cache',
      'x-glm-simulator': flavour.name,
    },
  });
}

/** `stream:false`: the whole `chat.completion` object, delivered after the time the tokens would take. */
function completionResponse(input: RespondInput): Response {
  const { flavour, ctx, chat, script, toolCallIds, request } = input;
  const headers = { 'content-type': flavour.jsonContentType, 'x-glm-simulator': flavour.name };
  const intervalMs = intervalForRate(ctx.tokensPerSecond);
  const { ending } = script;
  if (ending.type === 'midstream-error') {
    const details: ErrorDetails = {
      kind: 'server',
      status: 500,
      model: chat.model,
      path: new URL(request.url).pathname,
      requestId: ctx.id,
      promptTokens: chat.promptTokens,
      maxTokens: chat.maxTokens,
    };
    return errorResponse(flavour.name, details, 1, { 'x-glm-simulator': flavour.name });
  }
  if (ending.type === 'drop' || ending.type === 'hang') {
    const body = createBody([{ kind: ending.type, tick: 0 }], { intervalMs, signal: request.signal });
    return new Response(body, { status: 200, headers });
  }
  const totals = totalsOf(script.events);
  const json = flavour.completion(ctx, {
    totals,
    toolCallIds,
    finishReason: ending.type === 'finish' ? ending.reason : null,
    usage: {
      prompt: chat.promptTokens,
      completion: totals.completionTokens,
      reasoning: totals.reasoningTokens,
    },
  });
  const sent = usageIn(json);
  if (sent) input.onUsage(sent);
  const bytes = new TextEncoder().encode(JSON.stringify(json));
  const body = createBody([{ kind: 'bytes', bytes, tick: totals.completionTokens }], {
    intervalMs,
    signal: request.signal,
  });
  return new Response(body, { status: 200, headers });
}

function modelsResponse(flavour: Flavour): Response {
  const ids = flavour.name === 'cloudflare' ? ['@cf/zai-org/glm-4.7-flash', DEFAULT_MODEL] : [DEFAULT_MODEL];
  const data = ids.map((id) => ({ id, object: 'model', created: MODEL_CREATED, owned_by: 'z-ai' }));
  return new Response(JSON.stringify({ object: 'list', data }), {
    status: 200,
    headers: { 'content-type': 'application/json', 'x-glm-simulator': flavour.name },
  });
}
