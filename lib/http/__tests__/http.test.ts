import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { errorFields, redact } from '@/lib/log';
import { readJson } from '../body';
import { apiRoute, otherMethods } from '../route';
import { pageContentSecurityPolicy, strictTransportSecurity } from '../security-headers';

const noParams = { params: Promise.resolve({}) };

function streamOf(bytes: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const chunk = new Uint8Array(Math.min(65_536, bytes - sent)).fill(0x61);
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
}

describe('redact', () => {
  it('removes keys, tokens, cookies, passwords and URL credentials', () => {
    const text = [
      'Authorization: Bearer abcdef1234567890',
      'api_key=supersecretvalue',
      '"password":"hunter2hunter2"',
      'cookie: better-auth.session_token=abc.def',
      'sk-proj-0123456789abcdefghij',
      'https://user:pa55@example.com/v1',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N',
    ].join(' ');
    const out = redact(text);
    for (const secret of [
      'abcdef1234567890',
      'supersecretvalue',
      'hunter2hunter2',
      'session_token=abc',
      'sk-proj',
      'pa55',
      'eyJhbGci',
    ]) {
      expect(out).not.toContain(secret);
    }
  });

  it('cuts quoted input out of an error message (a JSON error quotes the body)', () => {
    let error: unknown;
    try {
      JSON.parse('my private message about my bank account');
    } catch (caught) {
      error = caught;
    }
    expect(String(errorFields(error).errorMessage)).not.toContain('bank account');
  });
});

describe('readJson', () => {
  const schema = z.object({ name: z.string().max(10) });

  it('reads and validates', async () => {
    const request = new Request('http://x/', { method: 'POST', body: '{"name":"ok"}' });
    await expect(readJson(request, schema)).resolves.toEqual({ name: 'ok' });
  });

  it('refuses bad JSON and wrong types with a 400 naming the field', async () => {
    const bad = new Request('http://x/', { method: 'POST', body: '{nope' });
    await expect(readJson(bad, schema)).rejects.toMatchObject({ status: 400 });
    const wrong = new Request('http://x/', { method: 'POST', body: '{"name":42}' });
    await expect(readJson(wrong, schema)).rejects.toMatchObject({ status: 400, field: 'name' });
  });

  it('stops reading a body without Content-Length as soon as it passes the limit (413)', async () => {
    const request = new Request('http://x/', {
      method: 'POST',
      body: streamOf(5_000_000),
      duplex: 'half',
    } as RequestInit);
    await expect(readJson(request, schema, 100_000)).rejects.toMatchObject({ status: 413 });
  });
});

describe('apiRoute', () => {
  afterEach(() => vi.restoreAllMocks());

  it('answers a request id, and logs an unexpected error as one JSON line without its details', async () => {
    const writes: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    const route = apiRoute(async () => {
      throw new Error('SQLITE_ERROR near "the user wrote this long private text": syntax error');
    });
    const response = await route(new Request('http://x/api/thing?token=abc', { method: 'GET' }), noParams);
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(body).not.toContain('SQLITE');
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(writes).toHaveLength(1);
    const line = JSON.parse(writes[0]);
    expect(line).toMatchObject({ level: 'error', requestId, method: 'GET', route: '/api/thing' });
    expect(writes[0]).not.toContain('private text');
    expect(writes[0]).not.toContain('token=abc');
  });

  it('refuses a declared body over the limit with 413 before the handler runs', async () => {
    const handler = vi.fn(async () => Response.json({}));
    const route = apiRoute(handler, { maxBodyBytes: 10 });
    const request = new Request('http://x/', {
      method: 'POST',
      body: 'x'.repeat(100),
      headers: { 'content-length': '100' },
    });
    const response = await route(request, noParams);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('answers other methods with a JSON 405 and an Allow header', async () => {
    const { PUT } = otherMethods(['GET']);
    const response = await PUT(new Request('http://x/', { method: 'PUT' }), noParams);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect(await response.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
  });
});

describe('security headers', () => {
  it('a page CSP with the nonce and strict-dynamic, no unsafe-eval outside dev', () => {
    const csp = pageContentSecurityPolicy('abc123');
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(pageContentSecurityPolicy('n', { dev: true })).toContain("'unsafe-eval'");
  });

  it('HSTS only for an https APP_URL', () => {
    expect(strictTransportSecurity(undefined)).toBeUndefined();
    expect(strictTransportSecurity('http://chat.lan')).toBeUndefined();
    expect(strictTransportSecurity('https://chat.example.com')).toContain('max-age=');
  });
});
