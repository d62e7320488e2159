/** web_search against a fake SearXNG on 127.0.0.1: results, parameters, and the errors an operator meets. */

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWebSearchTool, webSearch } from '@/lib/tools/web-search';

type Mode = 'ok' | 'json-disabled' | 'limited' | 'html' | 'empty' | 'slow' | 'broken';

let mode: Mode = 'ok';
let server: http.Server;
let base = '';
const requests: URL[] = [];

const RESULTS = Array.from({ length: 12 }, (_, i) => ({
  title: `  Result   ${i + 1}  `,
  url: `https://example.org/${i + 1}`,
  content: i === 0 ? `${'Long snippet. '.repeat(60)}` : `Snippet ${i + 1}`,
  engine: 'duckduckgo',
  ...(i === 1 ? { publishedDate: '2026-01-02T00:00:00' } : {}),
}));

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(url);
    if (url.pathname !== '/searx/search') {
      res.writeHead(404).end('not found');
      return;
    }
    switch (mode) {
      case 'json-disabled':
        res.writeHead(403, { 'content-type': 'text/html' }).end('<h1>403 Forbidden</h1>');
        return;
      case 'limited':
        res.writeHead(429).end('Too Many Requests');
        return;
      case 'html':
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html>results</html>');
        return;
      case 'broken':
        res.writeHead(500, { 'content-type': 'text/plain' }).end('boom');
        return;
      case 'slow':
        return; // never answers
      case 'empty':
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            query: url.searchParams.get('q'),
            results: [],
            unresponsive_engines: [['google', 'timeout']],
          }),
        );
        return;
      default:
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            query: url.searchParams.get('q'),
            results: [...RESULTS.slice(0, 3), { ...RESULTS[0] }, ...RESULTS.slice(3)],
            answers: ['42 is the answer'],
          }),
        );
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/searx`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** A port nothing listens on: bind one, then close it. */
async function unusedPort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

beforeEach(() => {
  mode = 'ok';
  requests.length = 0;
});

describe('web_search', () => {
  it('asks /search with format=json and returns the top results, deduplicated and trimmed', async () => {
    const out = await webSearch({ query: '  glm 4.7 flash  ' }, { baseUrl: base });
    expect(requests).toHaveLength(1);
    expect(requests[0].pathname).toBe('/searx/search');
    expect(requests[0].searchParams.get('q')).toBe('glm 4.7 flash');
    expect(requests[0].searchParams.get('format')).toBe('json');
    expect(out.query).toBe('glm 4.7 flash');
    expect(out.results).toHaveLength(5);
    expect(out.results.map((r) => r.url)).toEqual([1, 2, 3, 4, 5].map((n) => `https://example.org/${n}`));
    expect(out.results[0].title).toBe('Result 1');
    expect(out.results[0].snippet.length).toBeLessThanOrEqual(400);
    expect(out.results[0].snippet.endsWith('…')).toBe(true);
    expect(out.results[1]).toEqual({
      title: 'Result 2',
      url: 'https://example.org/2',
      snippet: 'Snippet 2',
      publishedDate: '2026-01-02T00:00:00',
    });
    expect(out.answers).toEqual(['42 is the answer']);
  });

  it('passes count, language and time range', async () => {
    const out = await webSearch(
      { query: 'news', count: 10, language: 'de', timeRange: 'week' },
      { baseUrl: `${base}/` },
    );
    expect(out.results).toHaveLength(10);
    expect(requests[0].searchParams.get('language')).toBe('de');
    expect(requests[0].searchParams.get('time_range')).toBe('week');
  });

  it('says how to fix a SearXNG without the json format (HTTP 403)', async () => {
    mode = 'json-disabled';
    await expect(webSearch({ query: 'x' }, { baseUrl: base })).rejects.toThrow(
      /refused the JSON request \(HTTP 403\): enable json format in SearXNG settings/,
    );
  });

  it('explains the bot limiter (HTTP 429), server errors and non-JSON answers', async () => {
    mode = 'limited';
    await expect(webSearch({ query: 'x' }, { baseUrl: base })).rejects.toThrow(
      /rate-limited the request \(HTTP 429\): .*server\.limiter: false/,
    );
    mode = 'broken';
    await expect(webSearch({ query: 'x' }, { baseUrl: base })).rejects.toThrow(/answered HTTP 500/);
    mode = 'html';
    await expect(webSearch({ query: 'x' }, { baseUrl: base })).rejects.toThrow(/did not send JSON/);
  });

  it('says when there are no results', async () => {
    mode = 'empty';
    const out = await webSearch({ query: 'zzzz' }, { baseUrl: base });
    expect(out.results).toEqual([]);
    expect(out.note).toMatch(/No results\. 1 search engine\(s\) did not answer/);
  });

  it('times out and reports an unreachable instance', async () => {
    mode = 'slow';
    const started = Date.now();
    await expect(webSearch({ query: 'x' }, { baseUrl: base, timeoutMs: 300 })).rejects.toThrow(
      /did not answer within 0.3 s/,
    );
    expect(Date.now() - started).toBeLessThan(2000);
    const closed = await unusedPort();
    await expect(webSearch({ query: 'x' }, { baseUrl: `http://127.0.0.1:${closed}` })).rejects.toThrow(
      new RegExp(
        `Could not reach SearXNG at http://127\\.0\\.0\\.1:${closed}: ECONNREFUSED\\. Check SEARXNG_URL`,
      ),
    );
  });

  it('works as an AI SDK tool', async () => {
    const search = createWebSearchTool({ baseUrl: base });
    const out = await search.execute?.({ query: 'tools', count: 2 }, { toolCallId: 's1', messages: [] });
    expect(out).toMatchObject({
      query: 'tools',
      results: [{ url: 'https://example.org/1' }, { url: 'https://example.org/2' }],
    });
  });
});
