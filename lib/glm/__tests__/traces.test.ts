/**
 * Every recorded stream in /work/shared/reference/traces, replayed byte for byte through the real
 * provider stack, whole and one byte per read (so every byte boundary is a read boundary), and the
 * recorded error bodies through the same stack with the app's retries on. Sources: traces/sources.json.
 */

import { describe, expect, it } from 'vitest';
import { type Backend, pieces, type Replayed, replay, traceBytes } from './trace-replay';

const SSE = 'text/event-stream';
const ENDED_EARLY = 'The connection to GLM ended before the answer was complete.';
const CONTEXT = "The conversation is too long for the model's context window.";

interface StreamCase {
  trace: string;
  backend: Backend;
  tools?: string[];
  expected: Partial<Omit<Replayed, 'metadata'>> & {
    status: 'complete' | 'error';
    errorText?: string;
    errorCode?: string;
  };
}

const STREAMS: StreamCase[] = [
  {
    trace: 'zai-glm47flash-reasoning-toolcall-0',
    backend: 'zai',
    tools: ['weather'],
    expected: {
      text: "I'll check the weather in Florence, Italy for you.",
      reasoning:
        'The user is asking about the weather in Florence, Italy. I have a weather function available that can get weather information for a location. The required parameter is "location" which should be a city name. The user specified "Florence, Italy" so I should use "Florence" as the location parameter.',
      toolCalls: [{ toolName: 'weather', input: { location: 'Florence' } }],
      inputTokens: 173,
      outputTokens: 87,
      finishReason: 'tool-calls',
      rawFinishReason: 'tool_calls',
      status: 'complete',
    },
  },
  {
    trace: 'zai-glm47flash-reasoning-toolcall-1',
    backend: 'zai',
    expected: {
      text: "The current weather in Florence, Italy is 40°C (104°F). That's quite hot!",
      reasoning:
        'The weather function returned "40 C" which appears to be the current temperature in Florence. This seems quite hot at 40 degrees Celsius. I should provide this information to the user, though I should note that this might be the current temperature.',
      toolCalls: [],
      inputTokens: 266,
      outputTokens: 71,
      finishReason: 'stop',
      status: 'complete',
    },
  },
  {
    trace: 'zai-glm47flash-parallel-tool-0',
    backend: 'zai',
    tools: ['add', 'multiply'],
    expected: {
      text: "I'll both add and multiply the numbers 2 and 3 for you.",
      reasoning:
        "The user wants me to both add and multiply the numbers 2 and 3. I need to use both the add and multiply functions on the same time, as instructed.\n\nFor add: a=2, b=3\nFor multiply: a=2, b=3\n\nI'll call both functions together.",
      toolCalls: [
        { toolName: 'add', input: { a: 2, b: 3 } },
        { toolName: 'multiply', input: { a: 2, b: 3 } },
      ],
      inputTokens: 275,
      outputTokens: 112,
      finishReason: 'tool-calls',
      status: 'complete',
    },
  },
  {
    trace: 'zai-glm47flash-parallel-tool-1',
    backend: 'zai',
    expected: {
      text: "I've calculated both operations for you:\n\n- **Addition:** 2 + 3 = **5**\n- **Multiplication:** 2 × 3 = **6**",
      reasoning:
        'I got the results:\n- Addition: 2 + 3 = 5\n- Multiplication: 2 × 3 = 6\n\nNow I can provide a complete answer to the user.',
      inputTokens: 395,
      outputTokens: 79,
      finishReason: 'stop',
      status: 'complete',
    },
  },
  {
    // The window is full: one chunk, no usage, no `object` key. An error with the context sentence.
    trace: 'zai-glm5turbo-context-window-exceeded',
    backend: 'zai',
    expected: {
      text: '',
      reasoning: '',
      rawFinishReason: 'model_context_window_exceeded',
      finishReason: 'other',
      status: 'error',
      errorText: CONTEXT,
      errorCode: 'context_length',
    },
  },
  {
    // Old GLM-4: the whole tool call and its finish reason in one chunk.
    trace: 'zai-glm4flash-toolcall-finish-same-chunk',
    backend: 'zai',
    tools: ['get_datetime_offline'],
    expected: {
      text: '',
      toolCalls: [{ toolName: 'get_datetime_offline', input: {} }],
      finishReason: 'tool-calls',
      status: 'complete',
    },
  },
  {
    trace: 'vllm-glm46-toolcall-whole',
    backend: 'vllm',
    tools: ['kubectl'],
    expected: {
      text: '',
      toolCalls: [
        {
          toolName: 'kubectl',
          input: { command: 'kubectl get deployments --all-namespaces', modifies_resource: 'no' },
        },
      ],
      finishReason: 'tool-calls',
      status: 'complete',
    },
  },
  {
    // `reasoning_content: null` on every delta, `prompt_token_ids`/`token_ids`; the excerpt ends early.
    trace: 'vllm-glm47fp8-reasoning-content-null',
    backend: 'vllm',
    expected: { text: '', reasoning: '', status: 'error', errorText: ENDED_EARLY },
  },
  {
    // Explicit nulls in every delta, `matched_stop`, `usage: null`; the excerpt ends mid-stream.
    trace: 'sglang-glm47-reasoning',
    backend: 'sglang',
    expected: {
      reasoning: '。',
      text: '我来帮您查找所有相关的配置文件。',
      status: 'error',
      errorText: ENDED_EARLY,
    },
  },
  {
    // Workers AI /ai/v1: `id-<ms>`, `token_ids`, a `stop_reason` chunk and two finish chunks.
    trace: 'cloudflare-v1-gptoss-tool',
    backend: 'cloudflare',
    tools: ['get_weather'],
    expected: {
      text: '',
      reasoning: 'We need to call the function get_weather with city "Paris".',
      toolCalls: [{ toolName: 'get_weather', input: { city: 'Paris' } }],
      inputTokens: 136,
      outputTokens: 37,
      finishReason: 'tool-calls',
      status: 'complete',
    },
  },
  {
    trace: 'cloudflare-gateway-gptoss-tool-tail',
    backend: 'cloudflare',
    expected: {
      text: '',
      inputTokens: 136,
      outputTokens: 37,
      finishReason: 'tool-calls',
      status: 'complete',
    },
  },
  {
    // The second finish chunk's usage is all zeros: the real counts win.
    trace: 'cloudflare-v1-llama-zero-usage',
    backend: 'cloudflare',
    expected: { text: 'Hello!', inputTokens: 45, outputTokens: 2, finishReason: 'stop', status: 'complete' },
  },
  {
    // /ai/run: cumulative usage on every chunk, a `choices:[]` trailer, a bare `[DONE]`, no finish reason.
    trace: 'cloudflare-run-reasoning',
    backend: 'cloudflare',
    expected: {
      reasoning: 'Okay, the user is asking',
      text: 'A **cow is cool',
      inputTokens: 13,
      outputTokens: 1022,
      status: 'error',
      errorText: ENDED_EARLY,
    },
  },
  {
    // `timings` on every chunk, llama.cpp key order; the excerpt has two frames.
    trace: 'llamacpp-timings',
    backend: 'llamacpp',
    expected: { reasoning: ' it handles', text: '', status: 'error', errorText: ENDED_EARLY },
  },
];

function expectReplay(result: Replayed, expected: StreamCase['expected']): void {
  const { status, errorText, errorCode, ...fields } = expected;
  for (const [key, value] of Object.entries(fields)) {
    expect(result[key as keyof Replayed], key).toEqual(value);
  }
  expect(result.metadata.status).toBe(status);
  expect(result.metadata.errorText).toBe(errorText);
  if (errorCode) expect(result.metadata.errorCode).toBe(errorCode);
  expect(result.requests).toBe(1);
}

describe('recorded streams through createGlm → streamText', () => {
  for (const c of STREAMS) {
    for (const size of ['whole', 1] as const) {
      it(`${c.trace} (${size === 'whole' ? 'whole' : 'one byte per read'})`, async () => {
        const result = await replay({
          backend: c.backend,
          tools: c.tools,
          response: { status: 200, contentType: SSE, chunks: pieces(traceBytes(c.trace), size) },
        });
        expectReplay(result, c.expected);
      });
    }
  }
});

interface ErrorCase {
  name: string;
  backend: Backend;
  status: number;
  body: string;
  sentence: string;
  /** How many requests the app sends with its default two retries. */
  requests: number;
  /** Extra response headers (a short `retry-after-ms` keeps the retried case fast). */
  headers?: Record<string, string>;
  errorCode?: string;
}

const ERRORS: ErrorCase[] = [
  {
    name: 'Z.ai 1113 with HTTP 429 (billing, not a rate limit)',
    backend: 'zai',
    status: 429,
    body: '{"error":{"code":"1113","message":"Insufficient balance or no resource package. Please recharge."}}',
    sentence:
      'The Z.ai account has no balance or no resource package for this model (Insufficient balance or no resource package. Please recharge.). Top up the account or use a key whose plan includes this endpoint; retrying will not help.',
    requests: 1,
  },
  {
    name: 'Z.ai 1301 with HTTP 400 (content safety)',
    backend: 'zai',
    status: 400,
    body: '{"error":{"code":"1301","message":"系统检测到输入或生成内容可能包含不安全或敏感内容，请您避免输入易产生敏感内容的提示语，感谢您的配合。"}}',
    sentence:
      "Z.ai's content safety check rejected the conversation (系统检测到输入或生成内容可能包含不安全或敏感内容，请您避免输入易产生敏感内容的提示语，感谢您的配合。). Rephrase the message and send it again.",
    requests: 1,
  },
  {
    name: 'Z.ai 1302 with HTTP 429 (a real rate limit: retried)',
    backend: 'zai',
    status: 429,
    body: '{"error":{"code":"1302","message":"Rate limit reached for requests"},"request_id":"20260212064144579f5b8f457f4e06"}',
    sentence:
      'GLM is rate limited or at capacity right now (Rate limit reached for requests). Wait a moment and try again.',
    requests: 3,
    headers: { 'retry-after-ms': '5' },
  },
  {
    name: "vLLM's flat error body with its current context wording",
    backend: 'vllm',
    status: 400,
    body: '{"object":"error","message":"The input (233781 tokens) is longer than the model\'s context length (202752 tokens).","type":"BadRequestError","param":null,"code":400}',
    sentence:
      "The conversation is too long for the model's context window (The input (233781 tokens) is longer than the model's context length (202752 tokens).).",
    requests: 1,
    errorCode: 'context_length',
  },
  {
    name: "vLLM's flat error body (tool parser)",
    backend: 'vllm',
    status: 400,
    body: '{\n    "object": "error",\n    "message": "Hermes 2 Pro Tool parser could not locate tool call start/end tokens in the tokenizer!",\n    "type": "BadRequestError",\n    "param": null,\n    "code": 400\n}',
    sentence:
      'GLM refused the request (Hermes 2 Pro Tool parser could not locate tool call start/end tokens in the tokenizer!).',
    requests: 1,
  },
  {
    name: 'Cloudflare v4 envelope with two errors (7003 with 7000), HTTP 400',
    backend: 'cloudflare',
    status: 400,
    body: '{"success":false,"errors":[{"code":7003,"message":"Could not route to \\/accounts\\/xxx\\/ai\\/v1, perhaps your object identifier is invalid?"},{"code":7000,"message":"No route for that URI"}],"messages":[],"result":null}',
    sentence:
      'Cloudflare could not route the request: the account or model was not found (Could not route to /accounts/xxx/ai/v1, perhaps your object identifier is invalid?; No route for that URI). Check CLOUDFLARE_ACCOUNT_ID and GLM_MODEL.',
    requests: 1,
  },
  {
    name: 'Cloudflare v4 envelope 7003, HTTP 404',
    backend: 'cloudflare',
    status: 404,
    body: '{"result":null,"success":false,"errors":[{"code":7003,"message":"Could not route to /client/v4/accounts/cfut_fake/ai/v1/chat/completions, perhaps your object identifier is invalid?"}],"messages":[]}',
    sentence:
      'Cloudflare could not route the request: the account or model was not found (Could not route to /client/v4/accounts/cfut_fake/ai/v1/chat/completions, perhaps your object identifier is invalid?). Check CLOUDFLARE_ACCOUNT_ID and GLM_MODEL.',
    requests: 1,
  },
  {
    name: 'Cloudflare AiError: Bad input',
    backend: 'cloudflare',
    status: 400,
    body: '{"result":null,"success":false,"errors":[{"code":5006,"message":"AiError: Bad input: Error: oneOf at \'/\' not met... Type mismatch of \'/messages/*/content\', \'array\' not in \'string\'"}],"messages":[]}',
    sentence:
      "GLM refused the request (AiError: Bad input: Error: oneOf at '/' not met... Type mismatch of '/messages/*/content', 'array' not in 'string').",
    requests: 1,
  },
  {
    name: 'Cloudflare GLM-5.2 context texts',
    backend: 'cloudflare',
    status: 400,
    body: '{"result":null,"success":false,"errors":[{"code":5021,"message":"The estimated number of input and maximum output tokens (440000) exceeded this model context window limit (262144)"}],"messages":[]}',
    sentence:
      "The conversation is too long for the model's context window (The estimated number of input and maximum output tokens (440000) exceeded this model context window limit (262144)).",
    requests: 1,
    errorCode: 'context_length',
  },
  {
    name: 'Cloudflare "Requested token count exceeds" context text',
    backend: 'cloudflare',
    status: 400,
    body: '{"result":null,"success":false,"errors":[{"code":3030,"message":"Requested token count exceeds the model\'s maximum context length of 256000 tokens"}],"messages":[]}',
    sentence:
      "The conversation is too long for the model's context window (Requested token count exceeds the model's maximum context length of 256000 tokens).",
    requests: 1,
    errorCode: 'context_length',
  },
];

describe('recorded error bodies through createGlm → streamText (two retries, as the app)', () => {
  for (const c of ERRORS) {
    it(c.name, async () => {
      const result = await replay({
        backend: c.backend,
        maxRetries: 2,
        response: {
          status: c.status,
          contentType: 'application/json',
          headers: c.headers,
          chunks: [new TextEncoder().encode(c.body)],
        },
      });
      expect(result.metadata.status).toBe('error');
      expect(result.metadata.errorText).toBe(c.sentence);
      expect(result.requests).toBe(c.requests);
      if (c.errorCode) expect(result.metadata.errorCode).toBe(c.errorCode);
    });
  }
});
