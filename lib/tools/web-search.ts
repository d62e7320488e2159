import { tool } from 'ai';
import { z } from 'zod';

/**
 * web_search: asks a SearXNG instance (SEARXNG_URL) for `GET /search?q=…&format=json` and returns the
 * top results. The instance is the operator's own server, so it is reached with the plain global
 * fetch (no SSRF checks: it is usually on a private address).
 */

export const WEB_SEARCH_DEFAULTS = {
  timeoutMs: 10_000,
  count: 5,
  maxCount: 10,
  maxSnippetChars: 400,
  maxResponseBytes: 5 * 1024 * 1024,
} as const;

export class WebSearchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebSearchError';
  }
}

export interface WebSearchOptions {
  /** Base URL of the SearXNG instance, e.g. http://127.0.0.1:8888 (a path prefix is kept). */
  baseUrl: string;
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
}

export interface WebSearchHit {
  title: string;
  url: string;
  snippet: string;
  publishedDate?: string;
}

export interface WebSearchResult {
  query: string;
  results: WebSearchHit[];
  /** Direct answers SearXNG found (e.g. from an instant-answer engine). */
  answers?: string[];
  note?: string;
}

const searxResponse = z.object({
  results: z
    .array(
      z
        .object({
          title: z.string().optional().catch(undefined),
          url: z.string().optional().catch(undefined),
          content: z.string().nullish().catch(undefined),
          publishedDate: z.string().nullish().catch(undefined),
        })
        .loose(),
    )
    .default([]),
  answers: z.array(z.unknown()).optional().catch(undefined),
  unresponsive_engines: z.array(z.unknown()).optional().catch(undefined),
});

const clip = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

function searchUrl(baseUrl: string, params: Record<string, string | undefined>): URL {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const url = new URL('search', base);
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.set(key, value);
  return url;
}

function answerText(answer: unknown): string | undefined {
  if (typeof answer === 'string') return squash(answer);
  if (answer && typeof answer === 'object' && 'answer' in answer) {
    const value = (answer as { answer: unknown }).answer;
    if (typeof value === 'string') return squash(value);
  }
  return undefined;
}

export interface WebSearchInput {
  query: string;
  count?: number;
  language?: string;
  timeRange?: 'day' | 'week' | 'month' | 'year';
}

export async function webSearch(
  input: WebSearchInput,
  options: WebSearchOptions,
  signal?: AbortSignal,
): Promise<WebSearchResult> {
  const query = input.query.trim();
  if (!query) throw new WebSearchError('The search query is empty.');
  const count = Math.min(Math.max(1, input.count ?? WEB_SEARCH_DEFAULTS.count), WEB_SEARCH_DEFAULTS.maxCount);
  const timeoutMs = options.timeoutMs ?? WEB_SEARCH_DEFAULTS.timeoutMs;
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const url = searchUrl(options.baseUrl, {
    q: query,
    format: 'json',
    language: input.language,
    time_range: input.timeRange,
  });
  const origin = `SearXNG at ${url.origin}`;

  let response: Response;
  try {
    response = await (options.fetch ?? globalThis.fetch)(url, {
      method: 'GET',
      headers: { accept: 'application/json' },
      signal: combined,
    });
  } catch (error) {
    if (timeout.aborted) throw new WebSearchError(`${origin} did not answer within ${timeoutMs / 1000} s.`);
    if (signal?.aborted) throw new WebSearchError('The search was cancelled.');
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new WebSearchError(
      `Could not reach ${origin}: ${cause?.code ?? cause?.message ?? (error as Error).message}. Check SEARXNG_URL.`,
    );
  }

  if (response.status === 403) {
    throw new WebSearchError(
      `${origin} refused the JSON request (HTTP 403): enable json format in SearXNG settings ` +
        '(settings.yml → search.formats: [html, json]).',
    );
  }
  if (response.status === 429) {
    throw new WebSearchError(
      `${origin} rate-limited the request (HTTP 429): turn off its bot limiter (server.limiter: false) for this client.`,
    );
  }
  if (!response.ok) {
    throw new WebSearchError(
      `${origin} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`,
    );
  }
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > WEB_SEARCH_DEFAULTS.maxResponseBytes) {
    throw new WebSearchError(`${origin} sent an unexpectedly large answer (${length} bytes).`);
  }

  let body: unknown;
  try {
    const text = await response.text();
    body = JSON.parse(text);
  } catch {
    if (timeout.aborted) throw new WebSearchError(`${origin} did not answer within ${timeoutMs / 1000} s.`);
    throw new WebSearchError(
      `${origin} did not send JSON. Check that SEARXNG_URL points at SearXNG and that json is among search.formats.`,
    );
  }
  const parsed = searxResponse.safeParse(body);
  if (!parsed.success)
    throw new WebSearchError(`${origin} sent JSON in an unexpected shape (no results list).`);

  const seen = new Set<string>();
  const results: WebSearchHit[] = [];
  for (const r of parsed.data.results) {
    if (!r.url || seen.has(r.url)) continue;
    seen.add(r.url);
    results.push({
      title: clip(squash(r.title ?? '') || r.url, 200),
      url: r.url,
      snippet: clip(squash(r.content ?? ''), WEB_SEARCH_DEFAULTS.maxSnippetChars),
      ...(r.publishedDate ? { publishedDate: r.publishedDate } : {}),
    });
    if (results.length >= count) break;
  }
  const answers = (parsed.data.answers ?? [])
    .map(answerText)
    .filter((a): a is string => !!a)
    .slice(0, 3);
  const unresponsive = parsed.data.unresponsive_engines?.length ?? 0;
  const note =
    results.length === 0
      ? `No results.${unresponsive > 0 ? ` ${unresponsive} search engine(s) did not answer; try again or rephrase.` : ' Try other words.'}`
      : undefined;
  return { query, results, ...(answers.length > 0 ? { answers } : {}), ...(note ? { note } : {}) };
}

export const webSearchInputSchema = z.object({
  query: z
    .string()
    .min(1)
    .max(400)
    .describe('What to search for, as you would type it into a search engine.'),
  count: z
    .number()
    .int()
    .min(1)
    .max(WEB_SEARCH_DEFAULTS.maxCount)
    .optional()
    .describe(
      `How many results to return (1-${WEB_SEARCH_DEFAULTS.maxCount}, default ${WEB_SEARCH_DEFAULTS.count}).`,
    ),
  language: z
    .string()
    .max(16)
    .optional()
    .describe('Result language as a code such as "en", "de" or "zh-CN"; omit for any language.'),
  timeRange: z
    .enum(['day', 'week', 'month', 'year'])
    .optional()
    .describe('Only results from the last day, week, month or year (for news and recent events).'),
});

export function createWebSearchTool(options: WebSearchOptions) {
  return tool({
    description:
      'Search the web and get the top results (title, URL, snippet). Use it for recent events, facts you are ' +
      'unsure of, or to find pages to read with fetch_url. Cite the URLs you use.',
    inputSchema: webSearchInputSchema,
    execute: async (input, { abortSignal }) => webSearch(input, options, abortSignal),
  });
}
