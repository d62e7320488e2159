/**
 * Errors as a caller meets them: pre-stream HTTP errors in each backend's body shape, mid-stream failures,
 * retries — all turned into one readable sentence by describeGlmError.
 */

import { APICallError, RetryError } from 'ai';
import { describe, expect, it } from 'vitest';
import { describeGlmError, normaliseErrorBody } from '@/lib/glm/errors';
import type { SimulatorFlavour } from '@/lib/glm/simulator';
import { ALL_TARGETS, ask, FLAVOUR_TARGETS, glmFor, type Target } from './helpers';

/** A sentence for a person: one line, no JSON, no stack, ends like a sentence. */
function expectReadable(sentence: string): void {
  expect(sentence.length).toBeGreaterThan(10);
  expect(sentence.length).toBeLessThan(400);
  expect(sentence).not.toMatch(/[\n{}]/);
  expect(sentence).not.toMatch(/undefined|\[object Object\]|at .*\.ts:\d+/);
  expect(sentence).toMatch(/[.!]$/);
}

/** The upstream message each backend puts in its error body, which the sentence must carry. */
const UPSTREAM: Record<number, Record<SimulatorFlavour, string>> = {
  429: {
    zai: 'Rate limit reached for requests',
    vllm: 'Too many requests, please retry later',
    cloudflare: 'Capacity temporarily exceeded, please try again.',
    ollama: 'server busy, please try again.',
    llamacpp: 'Too many requests',
  },
  401: {
    zai: 'Authentication Failed',
    vllm: 'Unauthorized',
    cloudflare: 'Authentication error',
    ollama: 'unauthorized',
    llamacpp: 'Invalid API Key',
  },
  400: {
    zai: 'Prompt exceeds max length',
    vllm: "is longer than the model's context length (131072 tokens)",
    cloudflare: 'exceeded this model context window limit (131072)',
    ollama: 'the input length exceeds the context length',
    llamacpp: 'the request exceeds the available context size',
  },
  503: {
    zai: 'The service may be temporarily overloaded',
    vllm: 'The server is overloaded',
    cloudflare: 'No more data centers to forward the request to',
    ollama: 'server busy, please try again.',
    llamacpp: 'Loading model',
  },
  404: {
    zai: 'Unknown Model',
    vllm: 'does not exist',
    cloudflare: 'Could not route to',
    ollama: 'not found, try pulling it first',
    llamacpp: "model 'glm-4.7-flash' not found",
  },
};

/* llama.cpp words its context overflow differently ("the request exceeds the available context size"). */
const PRE_STREAM_CASES: { status: number; says: RegExp; retryable: boolean }[] = [
  { status: 429, says: /rate limited or at capacity/, retryable: true },
  { status: 401, says: /rejected the API key/, retryable: false },
  { status: 400, says: /conversation is too long/, retryable: false },
  { status: 503, says: /overloaded|at capacity/, retryable: true },
  { status: 404, says: /not found/, retryable: false },
];

const flavourOf = (target: Target): SimulatorFlavour => target.simulator.flavour ?? 'zai';

describe.each(ALL_TARGETS)('pre-stream errors: $name', (target) => {
  it.each(PRE_STREAM_CASES)(
    '::error $status becomes a readable sentence',
    async ({ status, says, retryable }) => {
      const { glm, sim } = glmFor(target);
      const result = await ask(glm, `::error ${status}\nHello`);

      expect(sim.requests).toHaveLength(1);
      expect(result.text).toBe('');
      expect(result.errors).toHaveLength(1);
      const error = result.errors[0];
      expect(APICallError.isInstance(error)).toBe(true);
      if (!APICallError.isInstance(error)) return;
      expect(error.statusCode).toBe(status);
      // Retries depend on the status surviving the error-body rewrite.
      expect(error.isRetryable).toBe(retryable);

      const sentence = describeGlmError(error);
      expectReadable(sentence);
      expect(sentence).toMatch(says);
      expect(sentence).toContain(UPSTREAM[status][flavourOf(target)]);
    },
  );
});

describe('Cloudflare errors[] envelope', () => {
  it('surfaces the envelope’s message, not the HTTP status text', async () => {
    const { glm } = glmFor('cloudflare');
    const result = await ask(glm, '::error 429\nHello');
    const error = result.errors[0];
    expect(APICallError.isInstance(error)).toBe(true);
    if (!APICallError.isInstance(error)) return;
    expect(error.message).toBe('Capacity temporarily exceeded, please try again.');
    expect(error.message).not.toBe('Too Many Requests');
    expect(JSON.parse(error.responseBody ?? '{}')).toMatchObject({ error: { code: 3040 } });
    expect(describeGlmError(error)).toContain('Capacity temporarily exceeded');
  });

  it('says the daily free allocation is used up for code 3036', async () => {
    const { glm } = glmFor('cloudflare');
    const result = await ask(glm, '::error 429 quota\nHello');
    const sentence = describeGlmError(result.errors[0]);
    expectReadable(sentence);
    expect(sentence).toMatch(/daily free allocation is used up/);
  });
});

describe.each(Object.values(FLAVOUR_TARGETS))('mid-stream failures: $name', (target) => {
  it('an error frame after some text gives an error part and finish reason error', async () => {
    const { glm } = glmFor(target);
    const result = await ask(glm, '::midstream-error\nHello');
    expect(result.reasoning.length).toBeGreaterThan(0);
    expect(result.text.length).toBeGreaterThan(0);
    expect(result.threw).toBe(false);
    expect(result.errors).toHaveLength(1);
    expect(result.finishReason).toBe('error');
    expectReadable(describeGlmError(result.errors[0]));
  });

  it('a flat {"object":"error"} frame (older vLLM) gives an error part and finish reason error', async () => {
    const { glm } = glmFor(target);
    const result = await ask(glm, '::midstream-error flat\nHello');
    expect(result.text.length).toBeGreaterThan(0);
    expect(result.threw).toBe(false);
    expect(result.errors).toHaveLength(1);
    expect(result.finishReason).toBe('error');
  });

  it('[DONE] without a finish reason says the answer was cut short', async () => {
    const { glm } = glmFor(target);
    const result = await ask(glm, '::no-finish\nHello');
    expect(result.text).toMatch(/^## Hello/);
    expect(result.errors).toHaveLength(1);
    expect(result.finishReason).toBe('error');
    const sentence = describeGlmError(result.errors[0]);
    expectReadable(sentence);
    expect(sentence).toBe('The connection to GLM ended before the answer was complete.');
  });

  it('a dropped connection fails the answer after the partial text', async () => {
    const { glm } = glmFor(target);
    const result = await ask(glm, '::drop\nHello');
    expect(result.text.length).toBeGreaterThan(0);
    // The SDK fails the stream itself here (no error part); the UI stream hands that error to describeGlmError.
    expect(result.errors).toHaveLength(1);
    expect(result.finishReason).toBeUndefined();
    expectReadable(describeGlmError(result.errors[0]));
  });
});

/*
 * The sentence for mid-stream failures. These are flavour-independent (the frames are the same in every
 * flavour), so each is checked once.
 */
describe('describeGlmError on mid-stream failures', () => {
  it('an error frame keeps its upstream message ({"error":{"message":"Internal error"}})', async () => {
    const { glm } = glmFor('vllm');
    const result = await ask(glm, '::midstream-error\nHello');
    const sentence = describeGlmError(result.errors[0]);
    expectReadable(sentence);
    expect(sentence).toContain('Internal error');
  });

  it('a flat {"object":"error"} frame is described in words, not as a schema dump', async () => {
    const { glm } = glmFor('vllm');
    const result = await ask(glm, '::midstream-error flat\nHello');
    const sentence = describeGlmError(result.errors[0]);
    expectReadable(sentence);
    expect(sentence).toContain('Internal error');
    expect(sentence).not.toMatch(/Type validation failed|invalid_union/);
  });

  it('a dropped connection is described as a failed connection, not as "HTTP 200"', async () => {
    const { glm } = glmFor('zai');
    const result = await ask(glm, '::drop\nHello');
    const sentence = describeGlmError(result.errors[0]);
    expectReadable(sentence);
    expect(sentence).toMatch(/connection/i);
    expect(sentence).not.toMatch(/HTTP 200|Failed to process successful response/);
  });
});

describe.each(Object.values(FLAVOUR_TARGETS))('retries: $name', (target) => {
  it('::flaky 1 with maxRetries 1 answers after one 429', async () => {
    const { glm, sim } = glmFor(target);
    const result = await ask(glm, '::flaky 1\nHello', { maxRetries: 1 });
    expect(result.errors).toEqual([]);
    expect(result.text).toMatch(/^## Hello/);
    expect(result.finishReason).toBe('stop');
    expect(sim.requests).toHaveLength(2);
  });

  it('a 429 that keeps coming is described through the RetryError', async () => {
    const { glm, sim } = glmFor(target);
    const result = await ask(glm, '::error 429\n::retry-after 0\nHello', { maxRetries: 1 });
    expect(sim.requests).toHaveLength(2);
    expect(result.errors).toHaveLength(1);
    expect(RetryError.isInstance(result.errors[0])).toBe(true);
    const sentence = describeGlmError(result.errors[0]);
    expectReadable(sentence);
    expect(sentence).toMatch(/rate limited or at capacity/);
    expect(sentence).toContain(UPSTREAM[429][flavourOf(target)]);
  });

  it('keeps the Retry-After header when the error body is rewritten', async () => {
    const { glm } = glmFor(target);
    const result = await ask(glm, '::error 429\n::retry-after 7\nHello');
    const error = result.errors[0];
    expect(APICallError.isInstance(error)).toBe(true);
    if (!APICallError.isInstance(error)) return;
    expect(error.responseHeaders?.['retry-after']).toBe('7');
  });
});

describe('normaliseErrorBody', () => {
  it('rewrites the Cloudflare v4 envelope to { error: { message, code } }', () => {
    expect(
      normaliseErrorBody({
        result: null,
        success: false,
        errors: [{ code: 3040, message: 'Capacity temporarily exceeded, please try again.' }],
        messages: [],
      }),
    ).toEqual({
      error: {
        message: 'Capacity temporarily exceeded, please try again.',
        code: 3040,
        type: 'cloudflare_error',
      },
    });
  });

  it('keeps a usable message when the envelope’s first error has none', () => {
    const out = normaliseErrorBody({ success: false, errors: [{ code: 7003 }] }) as {
      error: { message: string; code: unknown };
    };
    expect(out.error.message).toMatch(/\w/);
    expect(out.error.code).toBe(7003);
  });

  it('rewrites a flat { object: "error" } body (older vLLM)', () => {
    expect(
      normaliseErrorBody({
        object: 'error',
        message: 'Internal error',
        type: 'InternalServerError',
        param: null,
        code: 500,
      }),
    ).toEqual({ error: { message: 'Internal error', code: 500, type: 'InternalServerError' } });
  });

  it('rewrites { error: "string" }', () => {
    expect(normaliseErrorBody({ error: 'Unauthorized' })).toEqual({ error: { message: 'Unauthorized' } });
  });

  it('leaves an already-OK body, an empty envelope and non-objects untouched', () => {
    const ok = { error: { code: '1302', message: 'Rate limit reached for requests' }, request_id: 'x' };
    expect(normaliseErrorBody(ok)).toBe(ok);
    const detail = { detail: 'Not Found' };
    expect(normaliseErrorBody(detail)).toBe(detail);
    const empty = { success: false, errors: [] };
    expect(normaliseErrorBody(empty)).toBe(empty);
    expect(normaliseErrorBody('404 page not found')).toBe('404 page not found');
    expect(normaliseErrorBody(null)).toBe(null);
  });
});

describe('describeGlmError on things that are not API errors', () => {
  it('never returns an empty or technical sentence', () => {
    expect(describeGlmError('plain words')).toBe('plain words');
    expectReadable(describeGlmError(undefined));
    expectReadable(describeGlmError(42));
    expect(describeGlmError(new TypeError('fetch failed'))).toMatch(/connection to the GLM server failed/);
  });

  it('names a failed connection for a status-less APICallError', () => {
    const error = new APICallError({
      message: 'Cannot connect to API: connect ECONNREFUSED 127.0.0.1:8000',
      url: 'http://127.0.0.1:8000/v1/chat/completions',
      requestBodyValues: {},
    });
    const sentence = describeGlmError(error);
    expectReadable(sentence);
    expect(sentence).toMatch(/Could not reach the GLM server/);
  });
});

describe('Cloudflare AI Gateway error shapes', () => {
  it('reads the gateway-level AiGatewayError and the gateway’s error[] list', () => {
    expect(
      normaliseErrorBody({ name: 'AiGatewayError', internalCode: 2009, message: 'Unauthorized' }),
    ).toEqual({ error: { message: 'Unauthorized', code: 2009, type: 'cloudflare_error' } });
    expect(
      normaliseErrorBody({
        success: false,
        result: [],
        messages: [],
        error: [{ code: 2008, message: 'Invalid provider' }],
      }),
    ).toEqual({ error: { message: 'Invalid provider', code: 2008, type: 'cloudflare_error' } });
    const unauthorised = new APICallError({
      message: 'Unauthorized',
      url: 'https://gateway.ai.cloudflare.com/v1/a/g/workers-ai/v1/chat/completions',
      requestBodyValues: {},
      statusCode: 401,
      responseBody: JSON.stringify(
        normaliseErrorBody({ name: 'AiGatewayError', internalCode: 2009, message: 'Unauthorized' }),
      ),
    });
    expect(describeGlmError(unauthorised)).toBe(
      'The Cloudflare AI Gateway rejected the request as unauthenticated (Unauthorized). Check CLOUDFLARE_AI_GATEWAY_TOKEN.',
    );
  });
});
