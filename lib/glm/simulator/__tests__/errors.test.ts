import { describe, expect, it } from 'vitest';
import { createSimulator } from '../simulator';
import { SIMULATOR_FLAVOURS, type SimulatorFlavour } from '../types';
import { chat, finishReasons, readSse } from './helpers';

const fast = (flavour: SimulatorFlavour = 'zai', apiKey?: string) =>
  createSimulator({ flavour, tokensPerSecond: 0, apiKey });

async function errorOf(flavour: SimulatorFlavour, text: string) {
  const response = await chat(fast(flavour), { text });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: await response.json(),
  };
}

describe('pre-stream errors', () => {
  it('zai: business codes as strings, request_id on 429', async () => {
    expect(await errorOf('zai', '::error 429')).toEqual({
      status: 429,
      retryAfter: '1',
      body: {
        error: { code: '1302', message: 'Rate limit reached for requests' },
        request_id: expect.any(String),
      },
    });
    expect(await errorOf('zai', '::error 400')).toEqual({
      status: 400,
      retryAfter: null,
      body: { error: { code: '1261', message: 'Prompt exceeds max length' } },
    });
    expect((await errorOf('zai', '::error 401')).body.error.code).toBe('1000');
  });

  it('vllm: ErrorResponse with the 131072 context message', async () => {
    const { status, body } = await errorOf('vllm', '::error 400');
    expect(status).toBe(400);
    // The flat body and wording recorded from vLLM in 2026-01 (vllm-glm47-error-flat-context.txt).
    expect(body).toEqual({
      object: 'error',
      message: expect.stringMatching(
        /^The input \(\d+ tokens\) is longer than the model's context length \(131072 tokens\)\.$/,
      ),
      type: 'BadRequestError',
      param: null,
      code: 400,
    });
  });

  it('cloudflare: v4 envelope with Workers AI codes', async () => {
    expect(await errorOf('cloudflare', '::error 429')).toEqual({
      status: 429,
      retryAfter: '1',
      body: {
        result: null,
        success: false,
        errors: [{ code: 3040, message: 'Capacity temporarily exceeded, please try again.' }],
        messages: [],
      },
    });
    expect((await errorOf('cloudflare', '::error 429 quota')).body.errors[0].code).toBe(3036);
    expect((await errorOf('cloudflare', '::error 404')).body.errors[0].code).toBe(7003);
  });

  it('ollama and llamacpp: OpenAI-style bodies', async () => {
    expect((await errorOf('ollama', '::error 404')).body).toEqual({
      error: {
        message: expect.stringContaining('not found'),
        type: 'not_found_error',
        param: null,
        code: null,
      },
    });
    expect((await errorOf('ollama', '::error 400')).body.error.type).toBe('invalid_request_error');
    expect((await errorOf('ollama', '::error 500')).body.error.type).toBe('api_error');
    expect((await errorOf('llamacpp', '::error 400')).body.error).toMatchObject({
      code: 400,
      type: 'exceed_context_size_error',
      n_ctx: 131072,
    });
  });

  it('every flavour answers every listed status, with Retry-After only on 429/503', async () => {
    for (const flavour of SIMULATOR_FLAVOURS) {
      for (const status of [400, 401, 404, 408, 413, 429, 500, 503]) {
        const response = await chat(fast(flavour), { text: `::error ${status}` });
        expect(response.status).toBe(status);
        expect(response.headers.get('content-type')).toMatch(/^application\/json/);
        expect(await response.json()).toBeTypeOf('object');
        expect(response.headers.get('retry-after')).toBe(status === 429 || status === 503 ? '1' : null);
      }
    }
  });

  it('::retry-after N changes the header', async () => {
    expect((await errorOf('zai', '::error 503\n::retry-after 7')).retryAfter).toBe('7');
  });
});

describe('::flaky N', () => {
  it('fails the first N identical requests with 429 (Retry-After 0), then answers; reset() restarts the count', async () => {
    const sim = fast('zai');
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await chat(sim, { text: '::flaky 2\nRetry me' });
      statuses.push(response.status);
      if (response.status === 429) expect(response.headers.get('retry-after')).toBe('0');
      else expect(finishReasons(await readSse(response))).toEqual(['stop']);
    }
    expect(statuses).toEqual([429, 429, 200]);
    expect((await chat(sim, { text: '::flaky 2\nOther text' })).status).toBe(429);
    sim.reset();
    expect((await chat(sim, { text: '::flaky 2\nRetry me' })).status).toBe(429);
  });
});

describe('request validation and routing', () => {
  it('400 on invalid JSON and on missing messages, in the flavour shape', async () => {
    const sim = fast('vllm');
    const bad = await sim.fetch('http://sim/v1/chat/completions', { method: 'POST', body: '{nope' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).type).toBe('BadRequestError');
    const missing = await sim.fetch('http://sim/v1/chat/completions', {
      method: 'POST',
      body: '{"model":"x"}',
    });
    expect(missing.status).toBe(400);
    expect((await missing.json()).message).toContain('messages');
  });

  it('404 for unknown paths in the flavour shape', async () => {
    const zai = await fast('zai').fetch('http://sim/v1/embeddings', { method: 'POST', body: '{}' });
    expect(zai.status).toBe(404);
    expect((await zai.json()).error.code).toBe('404');
    const cf = await fast('cloudflare').fetch('http://sim/nowhere');
    expect((await cf.json()).errors[0].code).toBe(7003);
    const ollama = await fast('ollama').fetch('http://sim/nowhere');
    expect(await ollama.text()).toBe('404 page not found');
  });

  it('serves every documented prefix and GET /v1/models', async () => {
    const sim = fast('zai');
    for (const path of [
      '/v1/chat/completions',
      '/api/paas/v4/chat/completions',
      '/api/coding/paas/v4/chat/completions',
      '/client/v4/accounts/abc123/ai/v1/chat/completions',
    ]) {
      expect((await chat(sim, { text: '::plain\nHi', path })).status).toBe(200);
    }
    const models = await (await sim.fetch('http://sim/v1/models')).json();
    expect(models).toEqual({
      object: 'list',
      data: [expect.objectContaining({ id: 'glm-4.7-flash', object: 'model' })],
    });
  });
});

describe('apiKey', () => {
  it('requires Authorization: Bearer <key>, 401 in the flavour shape otherwise', async () => {
    const sim = fast('cloudflare', 'sekret');
    const missing = await chat(sim, { text: 'Hi' });
    expect(missing.status).toBe(401);
    expect((await missing.json()).errors[0].code).toBe(10000);
    const wrong = await chat(sim, { text: 'Hi', headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const right = await chat(sim, { text: 'Hi', headers: { authorization: 'Bearer sekret' } });
    expect(right.status).toBe(200);
    await readSse(right);
  });
});

describe('request log', () => {
  it('records parsed bodies, redacts authorization, and is a bounded ring buffer', async () => {
    const sim = createSimulator({ tokensPerSecond: 0, maxLoggedRequests: 2 });
    await chat(sim, {
      text: 'one',
      headers: { authorization: 'Bearer secret-key' },
      extra: { thinking: { type: 'disabled' } },
    });
    await chat(sim, { text: 'two' });
    await chat(sim, { text: 'three' });
    expect(sim.requests).toHaveLength(2);
    expect(
      sim.requests.map((r) => (r.body as { messages: { content: string }[] }).messages[0].content),
    ).toEqual(['two', 'three']);
    sim.reset();
    await chat(sim, {
      text: 'one',
      headers: { authorization: 'Bearer secret-key' },
      extra: { thinking: { type: 'disabled' } },
    });
    const [entry] = sim.requests;
    expect(entry).toMatchObject({ method: 'POST', path: '/v1/chat/completions' });
    expect(entry.headers.authorization).toBe('[redacted]');
    expect(JSON.stringify(entry)).not.toContain('secret-key');
    expect(entry.body).toMatchObject({
      thinking: { type: 'disabled' },
      stream_options: { include_usage: true },
    });
  });
});
