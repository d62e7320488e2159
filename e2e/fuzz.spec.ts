import { createHash, randomBytes } from 'node:crypto';
import { type APIRequestContext, expect, request as playwrightRequest, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { databasePath } from './helpers';

/**
 * Route fuzz: a few hundred malformed, oversized, wrong-typed and wrong-method requests across every
 * API route (app/api/**), with and without a session, with a forged session and with a foreign
 * Origin. Every answer must be a 4xx (JSON `{ error: { code, message } }` on the app's own routes,
 * never a stack trace), the server must keep serving, and nothing stored may change.
 *
 * Runs on both e2e servers: single-user (no sessions at all) and accounts (AUTH_MODE=password),
 * where it signs up its own user (an invite written straight into the database) and makes it admin,
 * so the admin routes are fuzzed past their guard too.
 */
test.describe.configure({ mode: 'serial' });

const ALLOWED = new Set([400, 401, 403, 404, 405, 409, 413, 415, 422, 429, 431]);
const EVIL_ORIGIN = 'https://evil.example';
const COUNTED_TABLES = ['user', 'account', 'conversations', 'messages', 'invites'] as const;

interface Case {
  label: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  data?: string | Buffer;
  /** The status this case must get, when only one is right (or the few that are). */
  expect?: number | number[];
  /** Which client sends it. */
  as: 'anonymous' | 'session' | 'forged';
}

interface Result {
  label: string;
  method: string;
  path: string;
  as: Case['as'];
  status: number;
  contentType: string;
  body: string;
}

const APP_ROUTES = [
  { path: '/api/health', methods: ['GET'] },
  { path: '/api/conversations', methods: ['GET'] },
  { path: '/api/conversations/{id}', methods: ['GET', 'PATCH', 'DELETE'] },
  { path: '/api/conversations/{id}/branch', methods: ['POST'] },
  { path: '/api/conversations/{id}/messages', methods: ['GET'] },
  { path: '/api/conversations/{id}/export', methods: ['GET'] },
  { path: '/api/conversations/{id}/restore', methods: ['POST'] },
  { path: '/api/conversations/{id}/title', methods: ['GET'] },
  { path: '/api/export', methods: ['GET'] },
  { path: '/api/import', methods: ['POST'] },
  { path: '/api/search', methods: ['GET'] },
  { path: '/api/conversations/{id}/usage', methods: ['GET'] },
  { path: '/api/conversations/{id}/context', methods: ['POST'] },
  { path: '/api/usage', methods: ['GET'] },
  { path: '/api/chat', methods: ['POST'] },
  { path: '/api/chat/{id}/stop', methods: ['POST'] },
  { path: '/api/tools', methods: ['GET'] },
  { path: '/api/conversations/{id}/settings', methods: ['GET', 'PUT'] },
  { path: '/api/settings/defaults', methods: ['GET', 'PUT'] },
  { path: '/api/presets', methods: ['GET', 'POST'] },
  { path: '/api/presets/{id}', methods: ['PATCH', 'DELETE'] },
  { path: '/api/admin/invites', methods: ['GET', 'POST'] },
  { path: '/api/admin/invites/{id}', methods: ['DELETE'] },
  { path: '/api/auth/sign-in/email', methods: ['POST'] },
  { path: '/api/auth/get-session', methods: ['GET'] },
] as const;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Ids that are not ids: traversal, injection, markup, nulls, overlong, unicode, encoded slashes. */
const BAD_IDS = [
  '..%2F..%2Fetc%2Fpasswd',
  "1'%20OR%20'1'%3D'1",
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  '%00',
  'a'.repeat(300),
  '%F0%9F%92%A9%F0%9F%92%A9%F0%9F%92%A9%F0%9F%92%A9',
  'short',
  '-1',
  'null',
  '%252e%252e',
];

/** Bodies that are not a chat request: every field wrong in turn, and things that are not JSON. */
function badChatBodies(conversationId: string, foreignConversationId: string | undefined): string[] {
  const message = { id: 'msg_fuzz_0001', role: 'user', parts: [{ type: 'text', text: 'hi' }] };
  const bodies: unknown[] = [
    null,
    0,
    'text',
    [],
    {},
    { id: conversationId },
    { message },
    { id: 42, message },
    { id: '../../x', message },
    { id: 'a'.repeat(65), message },
    { id: conversationId, message: 'hello' },
    { id: conversationId, message: { ...message, role: 'assistant' } },
    { id: conversationId, message: { ...message, role: 'system' } },
    { id: conversationId, message: { ...message, id: 7 } },
    { id: conversationId, message: { ...message, parts: [] } },
    { id: conversationId, message: { ...message, parts: 'hi' } },
    { id: conversationId, message: { ...message, parts: [{ type: 'text', text: '   ' }] } },
    { id: conversationId, message: { ...message, parts: [{ type: 'text', text: 5 }] } },
    { id: conversationId, message: { ...message, parts: [{ type: 'image', url: 'http://x' }] } },
    {
      id: conversationId,
      message: { ...message, parts: [{ type: 'file', mediaType: 'text/html', url: 'data:,' }] },
    },
    { id: conversationId, message: { ...message, parts: [{ type: 'text', text: 'x'.repeat(100_001) }] } },
    { id: conversationId, message: { ...message, parts: Array(21).fill({ type: 'text', text: 'x' }) } },
    { id: conversationId, message, thinking: 'yes' },
    { id: conversationId, message, tools: 'calculator' },
    { id: conversationId, message, tools: ['<script>'] },
    { id: conversationId, message, settings: { temperature: 'hot' } },
    { id: conversationId, message, settings: { n: 1e9 } },
    { id: conversationId, message, settings: { stop: ['a', 'b', 'c', 'd', 'e'] } },
    {
      id: conversationId,
      message,
      settings: { responseFormat: { type: 'json_schema', name: 'x', schema: 'nope' } },
    },
    { id: conversationId, message, settings: { logitBias: JSON.parse('{"__proto__": 5}') } },
    { id: conversationId, message, settings: { constructor: { prototype: 1 } } },
    { id: conversationId, message, tools: Array(65).fill('calculator') },
    { id: conversationId, message, trigger: 'delete-everything' },
    { id: conversationId, trigger: 'regenerate-message' },
    { id: conversationId, trigger: 'regenerate-message', messageId: 42 },
    { id: conversationId, trigger: 'regenerate-message', messageId: 'not_a_message_id_0' },
    { constructor: { prototype: { polluted: true } } },
    // A parent that is not an answer of this conversation: not found, or not a parent at all.
    { id: conversationId, message, parentId: 'unknown_msg_0000000000' },
    { id: conversationId, message, parentId: 42 },
    { id: conversationId, message, parentId: '../../x' },
  ];
  if (foreignConversationId) {
    // Well-formed, but the conversation is another owner's: 404, and nothing is written.
    bodies.push({ id: foreignConversationId, message });
    bodies.push({ id: foreignConversationId, trigger: 'regenerate-message', messageId: 'msg_fuzz_0002' });
  }
  return [
    ...bodies.map((body) => JSON.stringify(body)),
    '',
    '{',
    '{"id":',
    "{'id':'x'}",
    'undefined',
    '\u0000\u0001\u0002',
    '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
    `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
    `{"a":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_001)}`,
    '\uD800\uDC00\uDBFF',
    `{"__proto__":{"polluted":true},"id":"${conversationId}"}`,
  ];
}

/** better-auth's endpoints with the wrong types, missing fields and junk. */
function badAuthCases(): Array<{ path: string; method: string; body?: string }> {
  const post = (path: string, bodies: unknown[]) =>
    bodies.map((body) => ({
      path,
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }));
  return [
    ...post('/api/auth/sign-in/email', [
      {},
      { email: 42, password: [] },
      { email: 'nobody@example.test' },
      { email: 'not-an-email', password: 'x' },
      { email: 'a'.repeat(5000), password: 'b'.repeat(5000) },
      { email: { $ne: null }, password: { $ne: null } },
      '{',
      'null',
      '[]',
    ]),
    ...post('/api/auth/sign-up/email', [
      {},
      { email: 'x@example.test' },
      { name: 1, email: 2, password: 3 },
      { name: 'Mallory', email: 'not-an-email', password: 'long enough password' },
      { name: 'Mallory', email: 'short@example.test', password: 'short' },
      { name: 'x'.repeat(10_000), email: 'x', password: 'y' },
      '{"name":',
    ]),
    ...post('/api/auth/change-password', [{}, { newPassword: 1 }, '{']),
    ...post('/api/auth/update-user', [{ name: 42 }, { image: { x: 1 } }, '{']),
    ...post('/api/auth/delete-user', ['{', { password: 42 }]),
    ...post('/api/auth/revoke-session', [{}, { token: 42 }]),
    ...post('/api/auth/admin/create-user', [{}, { email: 42 }, '{']),
    ...post('/api/auth/admin/set-role', [{}, { userId: 42, role: ['admin'] }]),
    ...post('/api/auth/admin/ban-user', [{}, { userId: { $gt: '' } }]),
    ...post('/api/auth/admin/remove-user', [{}, { userId: 42 }]),
    ...post('/api/auth/admin/set-user-password', [{}, { userId: 1, newPassword: 2 }]),
    ...post('/api/auth/admin/impersonate-user', [{}, { userId: 42 }]),
    ...post('/api/auth/no-such-endpoint', [{}]),
    { path: '/api/auth/no-such-endpoint', method: 'GET' },
    { path: '/api/auth/admin/list-users?limit=abc&offset=-5&sortBy=%00', method: 'GET' },
    { path: '/api/auth/sign-in/email', method: 'GET' },
  ];
}

function countRows(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return Object.fromEntries(
      COUNTED_TABLES.map((table) => [
        table,
        (db.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n,
      ]),
    );
  } finally {
    db.close();
  }
}

/** Every stored row of the counted tables, hashed per table: a change anywhere shows up. */
function fingerprint(file: string): Record<string, string> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return Object.fromEntries(
      COUNTED_TABLES.map((table) => {
        const hash = createHash('sha256');
        for (const row of db.prepare(`select * from "${table}" order by rowid`).all()) {
          hash.update(JSON.stringify(row));
        }
        return [table, hash.digest('hex').slice(0, 16)];
      }),
    );
  } finally {
    db.close();
  }
}

/** Sends one request; a refused connection fails the test (the server must keep serving). */
async function send(client: APIRequestContext, c: Case): Promise<Result> {
  const response = await client.fetch(c.path, {
    method: c.method,
    headers: c.headers,
    data: c.data,
    failOnStatusCode: false,
    maxRedirects: 0,
    timeout: 15_000,
  });
  return {
    label: c.label,
    method: c.method,
    path: c.path,
    as: c.as,
    status: response.status(),
    contentType: response.headers()['content-type'] ?? '',
    body: await response.text(),
  };
}

test('malformed, oversized, wrong-typed and wrong-method requests get a 4xx and change nothing', async ({
  baseURL,
}, testInfo) => {
  test.setTimeout(240_000);
  const accounts = testInfo.project.name === 'accounts';
  const dbFile = databasePath(accounts ? 'accounts' : 'single-user');
  const origin = baseURL ?? '';
  const json = { 'content-type': 'application/json', origin };

  const anonymous = await playwrightRequest.newContext({ baseURL });
  const session = await playwrightRequest.newContext({ baseURL });
  const forged = await playwrightRequest.newContext({
    baseURL,
    extraHTTPHeaders: {
      cookie: 'better-auth.session_token=forged.c2lnbmF0dXJl; better-auth.session_data=eyJ4IjoxfQ',
    },
  });

  // A signed-in fuzzer on the accounts server: its own account, made admin (written to the database
  // directly, like a setup step; nothing the fuzz sends may do that).
  if (accounts) {
    const email = `fuzz-${Date.now()}@example.test`;
    const password = 'fuzzing passphrase 123';
    const write = new Database(dbFile, { fileMustExist: true });
    const headers: Record<string, string> = { ...json };
    const anyUser = write.prepare('select id from "user" order by created_at limit 1').get() as
      | { id: string }
      | undefined;
    if (anyUser) {
      const token = randomBytes(16).toString('base64url');
      write
        .prepare(
          'insert into invites (id, token_hash, created_by, created_at, expires_at) values (?, ?, ?, ?, ?)',
        )
        .run(
          randomBytes(9).toString('base64url'),
          createHash('sha256').update(token).digest('base64url'),
          anyUser.id,
          Date.now(),
          Date.now() + 3_600_000,
        );
      headers['x-invite-token'] = token;
    }
    const signUp = await session.post('/api/auth/sign-up/email', {
      headers,
      data: JSON.stringify({ name: 'Fuzzer', email, password }),
    });
    expect(signUp.status(), await signUp.text()).toBe(200);
    write.prepare(`update "user" set role = 'admin' where email = ?`).run(email);
    write.close();
  }

  // A conversation of the fuzzer's own, so ids that exist are fuzzed too.
  const seed = await session.post('/api/chat', {
    headers: json,
    data: JSON.stringify({
      id: `fuzz_seed_${Date.now()}`,
      message: {
        id: `fuzz_msg_${Date.now()}`,
        role: 'user',
        parts: [{ type: 'text', text: '::rate 0\nseed' }],
      },
    }),
  });
  expect(seed.status()).toBe(200);
  await seed.body();
  // The answer's last write lands just after its stream ends.
  await expect
    .poll(() => {
      const db = new Database(dbFile, { readonly: true });
      const row = db.prepare(`select count(*) as n from messages where status = 'streaming'`).get() as {
        n: number;
      };
      db.close();
      return row.n;
    })
    .toBe(0);
  const conversations = (await (await session.get('/api/conversations')).json()) as {
    conversations: Array<{ id: string }>;
  };
  const ownId = conversations.conversations[0]?.id ?? '';
  expect(ownId).not.toBe('');
  const readOnly = new Database(dbFile, { readonly: true });
  const foreign = readOnly
    .prepare(
      'select id from conversations where owner_id <> (select owner_id from conversations where id = ?)',
    )
    .get(ownId) as { id: string } | undefined;
  readOnly.close();
  const foreignId = accounts ? foreign?.id : undefined;

  const before = countRows(dbFile);
  const beforePrint = fingerprint(dbFile);

  const cases: Case[] = [];
  const add = (c: Omit<Case, 'as'>, who: Case['as'][] = ['anonymous', 'session', 'forged']) => {
    for (const as of who) cases.push({ ...c, as });
  };
  const withId = (path: string, id: string) => path.replace('{id}', id);

  // 1. Every route, every method it does not serve: 405.
  for (const route of APP_ROUTES) {
    for (const method of METHODS.filter((m) => !(route.methods as readonly string[]).includes(m))) {
      // better-auth routes GET and POST itself, and answers a wrong one of those with 404.
      const betterAuths = route.path.startsWith('/api/auth/') && ['GET', 'POST'].includes(method);
      add({
        label: 'wrong method',
        method,
        path: withId(route.path, ownId),
        headers: json,
        data: method === 'GET' ? undefined : '{}',
        expect: betterAuths ? [404, 405] : 405,
      });
    }
  }

  // 2. Ids that are not ids, and well-formed ids nobody has: 404 (401 without a session).
  for (const route of APP_ROUTES.filter((r) => r.path.includes('{id}'))) {
    for (const id of [...BAD_IDS, 'unknown_id_0000000000', foreignId].filter((x): x is string => !!x)) {
      add({
        label: 'bad or unknown id',
        method: route.methods[0],
        path: withId(route.path, id),
        headers: json,
      });
    }
  }

  // 3. Chat bodies that are not a chat request.
  for (const body of badChatBodies(ownId, foreignId)) {
    add({ label: 'bad chat body', method: 'POST', path: '/api/chat', headers: json, data: body }, [
      'session',
      'anonymous',
    ]);
  }

  // 3b. Branch switches that name no message of this conversation, and import files that are not one.
  for (const body of [
    '',
    '{',
    '[]',
    JSON.stringify({}),
    JSON.stringify({ messageId: 42 }),
    JSON.stringify({ messageId: '../../etc' }),
    JSON.stringify({ messageId: 'unknown_msg_0000000000' }),
    JSON.stringify({ messageId: 'unknown_msg_0000000000', extra: true }),
  ]) {
    add(
      {
        label: 'bad branch body',
        method: 'POST',
        path: `/api/conversations/${ownId}/branch`,
        headers: json,
        data: body,
      },
      ['session', 'anonymous'],
    );
  }
  const chatGptNode = (parent: string | null) => ({ message: null, parent, children: [] });
  for (const body of [
    '',
    '{',
    'null',
    '[]',
    '[{}]',
    JSON.stringify({ format: 'glm-chat', version: 2, conversations: [] }),
    JSON.stringify({ format: 'glm-chat', version: 1, conversations: [] }),
    JSON.stringify({ format: 'glm-chat', version: 1, conversations: [{ id: 'c', messages: [] }] }),
    JSON.stringify({
      format: 'glm-chat',
      version: 1,
      conversations: [
        {
          id: 'c',
          createdAt: 1,
          updatedAt: 1,
          messages: [{ id: 'm', parentId: 'missing', role: 'user', parts: [], createdAt: 1, updatedAt: 1 }],
        },
      ],
    }),
    JSON.stringify([{ title: 'x', mapping: { a: { message: { author: {} }, children: [] } } }]),
    JSON.stringify([{ title: 'x', mapping: { a: chatGptNode(null) }, current_node: 42 }]),
    JSON.stringify({ constructor: { prototype: { polluted: true } } }),
  ]) {
    add({ label: 'bad import file', method: 'POST', path: '/api/import', headers: json, data: body }, [
      'session',
      'anonymous',
    ]);
  }

  // 3c. Context changes that are not one (drop / compact / clear), and usage queries out of range.
  for (const body of [
    '{',
    'null',
    '[]',
    '{}',
    '{"action":"delete"}',
    '{"action":"drop","draftTokens":-1}',
    '{"action":"compact","draftTokens":"many"}',
  ]) {
    add(
      {
        label: 'bad context body',
        method: 'POST',
        path: `/api/conversations/${ownId}/context`,
        headers: json,
        data: body,
      },
      ['session', 'anonymous'],
    );
  }
  for (const query of ['days=7', 'days=abc', 'offset=100000', 'scope=everyone', 'days=30&offset=1.5']) {
    add({ label: 'bad usage query', method: 'GET', path: `/api/usage?${query}`, headers: json }, [
      'session',
      'anonymous',
    ]);
  }

  // 4. Wrong content types and oversized bodies (declared and real): 400/413.
  for (const contentType of [
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
  ]) {
    add(
      {
        label: 'wrong content type',
        method: 'POST',
        path: '/api/chat',
        headers: { ...json, 'content-type': contentType },
        data: 'id=x&message=y',
      },
      ['session'],
    );
  }
  const huge = Buffer.alloc(2_100_000, 0x61);
  for (const route of [
    '/api/chat',
    `/api/chat/${ownId}/stop`,
    '/api/admin/invites',
    '/api/auth/sign-in/email',
  ]) {
    add({ label: 'oversized body', method: 'POST', path: route, headers: json, data: huge, expect: 413 }, [
      'session',
      'anonymous',
    ]);
  }
  add(
    {
      label: 'oversized body',
      method: 'POST',
      path: '/api/chat',
      headers: json,
      data: JSON.stringify({ id: ownId, message: { id: 'x'.repeat(1_100_000) } }),
      expect: 413,
    },
    ['session'],
  );

  // 5. Writes from another origin: 403, whatever the session.
  for (const route of [
    '/api/chat',
    `/api/chat/${ownId}/stop`,
    `/api/conversations/${ownId}/branch`,
    '/api/import',
    '/api/admin/invites',
    '/api/admin/invites/abcdefghijkl',
    '/api/auth/sign-in/email',
    '/api/auth/sign-out',
    '/api/auth/update-user',
  ]) {
    const method = route.startsWith('/api/admin/invites/') ? 'DELETE' : 'POST';
    for (const crossSite of [
      { origin: EVIL_ORIGIN } as Record<string, string>,
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
    ]) {
      add({
        label: 'foreign origin',
        method,
        path: route,
        headers: { 'content-type': 'application/json', ...crossSite },
        data: JSON.stringify({ id: ownId, name: 'x', email: 'a@b.c', password: 'p'.repeat(12) }),
        expect: 403,
      });
    }
  }

  // 6. better-auth's endpoints with junk.
  for (const c of badAuthCases()) {
    add({ label: 'auth junk', method: c.method, path: c.path, headers: json, data: c.body });
  }

  // 7. Unknown API addresses and junk query strings: 404 / 4xx.
  for (const path of [
    '/api/nope',
    '/api/conversations/x/y/z',
    '/api/chat/x',
    '/api/admin',
    '/api/admin/users',
    '/api/auth',
    '/api/health/x',
    '/api/tools/%2e%2e%2fconversations',
  ]) {
    for (const method of ['GET', 'POST', 'DELETE']) {
      add(
        { label: 'unknown route', method, path, headers: json, data: method === 'GET' ? undefined : '{}' },
        ['anonymous', 'session'],
      );
    }
  }

  // 8. Huge and hostile headers.
  add(
    {
      label: 'huge cookie',
      method: 'GET',
      path: '/api/conversations/unknown_id_0000000000',
      headers: { cookie: `better-auth.session_token=${'a'.repeat(12_000)}` },
    },
    ['anonymous'],
  );
  add(
    {
      label: 'hostile headers',
      method: 'GET',
      path: '/api/conversations/unknown_id_0000000000',
      headers: {
        'x-forwarded-host': 'evil.example',
        'x-forwarded-proto': 'javascript',
        'content-length': '0',
      },
    },
    ['session', 'anonymous'],
  );
  add(
    {
      label: 'bad content-length',
      method: 'POST',
      path: '/api/chat',
      headers: { ...json, 'x-content-length': '-1' },
      data: '{"id":1}',
    },
    ['session'],
  );

  const clients = { anonymous, session, forged };
  const results: Result[] = [];
  for (const c of cases) results.push(await send(clients[c.as], c));

  // Without a session (single-user mode has none to lack), the owner routes answer 401.
  const problems: string[] = [];
  for (const [i, r] of results.entries()) {
    const c = cases[i];
    const describe = `${r.as} ${r.method} ${r.path.slice(0, 80)} (${r.label}) → ${r.status} ${r.body.slice(0, 160)}`;
    if (!ALLOWED.has(r.status)) problems.push(`not a 4xx: ${describe}`);
    else if (
      c.expect &&
      ![c.expect].flat().includes(r.status) &&
      !(r.status === 429 && c.path.startsWith('/api/auth/'))
    ) {
      // A wrong method or a foreign origin can meet the missing session first.
      const alsoFine = c.expect !== 413 && r.status === 401 && r.as !== 'session';
      if (!alsoFine) problems.push(`expected ${c.expect}: ${describe}`);
    }
    if (/\bat [^\n]+:\d+:\d+|node_modules|\.next\/server/.test(r.body))
      problems.push(`stack trace: ${describe}`);
    const ownRoute = !r.path.startsWith('/api/auth/') && r.status !== 431;
    // (Next.js answers a method a route does not export with an empty 405: /api/chat is the lead's.)
    const emptyAllowed = r.status === 405 && r.path === '/api/chat';
    if (ownRoute && !emptyAllowed) {
      let shape = false;
      try {
        const parsed = JSON.parse(r.body) as { error?: { code?: unknown; message?: unknown } };
        shape = typeof parsed.error?.code === 'string' && typeof parsed.error?.message === 'string';
      } catch {
        shape = false;
      }
      if (!shape || !r.contentType.includes('application/json'))
        problems.push(`not a JSON error: ${describe}`);
    }
  }

  const histogram: Record<string, number> = {};
  for (const r of results) histogram[r.status] = (histogram[r.status] ?? 0) + 1;
  const routes = new Set(results.map((r) => r.path.split('?')[0].replace(/\/[^/]*$/, '/…')));
  const summary = `${testInfo.project.name}: ${results.length} requests over ${routes.size} route shapes; statuses ${JSON.stringify(histogram)}`;
  console.log(`[fuzz] ${summary}`);
  await testInfo.attach('fuzz-summary', {
    body: `${summary}\n${problems.join('\n')}`,
    contentType: 'text/plain',
  });
  expect(problems, problems.join('\n')).toEqual([]);
  expect(results.length).toBeGreaterThan(200);

  // The server keeps serving, and nothing stored changed.
  const health = await anonymous.get('/api/health');
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ ok: true });
  const page = await anonymous.get('/sign-in', { maxRedirects: 0 });
  expect(page.status()).toBeLessThan(400);
  expect(countRows(dbFile)).toEqual(before);
  expect(fingerprint(dbFile)).toEqual(beforePrint);
  // The session survived everything sent with it (a foreign-origin sign-out among them).
  if (accounts) expect((await session.get('/api/conversations')).status()).toBe(200);

  await Promise.all([anonymous.dispose(), session.dispose(), forged.dispose()]);
});
