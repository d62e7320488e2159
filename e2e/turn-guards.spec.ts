import { type ChildProcess, spawn } from 'node:child_process';
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { type AppProcess, startApp } from './fixtures/app-process';
import { assistantMessages, composer, databasePath, send, userMessages } from './helpers';

/**
 * Issue 18, findings 7, 9, 10 and 11, against the production build: an answer never stays
 * `streaming` after a failure; a page load stores nothing; the caps hold under parallel sends and
 * count summaries; a share shows its snapshot's title; a refused message stays in the composer.
 */

const BASE = `http://127.0.0.1:${process.env.E2E_APP_PORT ?? 3311}`;
// Servers of this spec's own, beside this run's app port (the crash and boot specs use 3391–3399).
const OWN_PORT = Number(process.env.E2E_APP_PORT ?? 3311) + 4;
const SLOW_MCP_PORT = Number(process.env.E2E_MCP_PORT ?? 4398) + 2;
const FAILED_TEXT = 'This answer could not be written';

let serial = 0;
const newId = (label: string) => `${label}-${Date.now().toString(36)}-${serial++}`;

/** POST /api/chat for a new message; reads the whole answer. */
async function chat(base: string, conversationId: string, text: string, parentId?: string | null) {
  const response = await fetch(`${base}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({
      id: conversationId,
      message: { id: newId('q'), role: 'user', parts: [{ type: 'text', text }] },
      ...(parentId !== undefined ? { parentId } : {}),
    }),
  });
  return { status: response.status, body: await response.text() };
}

async function json<T>(
  base: string,
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${base}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', origin: base, ...(init.headers ?? {}) },
  });
  return { status: response.status, body: (await response.json()) as T };
}

interface StoredPage {
  messages: Array<{ id: string; role: string; metadata?: { status?: string } }>;
}

function storedLeaf(conversationId: string): string | null {
  const db = new Database(databasePath('single-user'), { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare('select active_leaf_id as leaf from conversations where id = ?')
      .get(conversationId) as { leaf: string | null } | undefined;
    return row?.leaf ?? null;
  } finally {
    db.close();
  }
}

test.describe('7: an answer never stays streaming', () => {
  const file = (part: Record<string, unknown>) =>
    JSON.stringify({
      format: 'glm-chat',
      version: 1,
      conversations: [
        {
          id: 'c',
          title: 'Imported order chat',
          createdAt: 1_764_144_000_000,
          updatedAt: 1_764_144_000_000,
          activeLeafId: 'a',
          messages: [
            {
              id: 'q',
              parentId: null,
              role: 'user',
              parts: [{ type: 'text', text: 'Where is A-1001?' }],
              createdAt: 1_764_144_000_000,
              updatedAt: 1_764_144_000_000,
            },
            {
              id: 'a',
              parentId: 'q',
              role: 'assistant',
              parts: [{ type: 'step-start' }, part, { type: 'text', text: 'It has shipped.' }],
              createdAt: 1_764_144_000_001,
              updatedAt: 1_764_144_000_001,
            },
          ],
        },
      ],
    });

  test('the import refuses a part the AI SDK cannot read back, and says where', async () => {
    const response = await fetch(`${BASE}/api/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: BASE },
      body: file({ type: 'tool-calculator', toolCallId: 'call-1', state: 'output-denied', input: {} }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toContain('conversations[0].messages[1].parts[1]');
    expect(body.error.message).toContain('approval');
  });

  test('a turn that fails before it streams ends its answer as error; the conversation goes on', async ({
    page,
  }) => {
    // An MCP tool call stored with a plain-text output (accepted by the SDK's schema): the MCP
    // tool's own output converter cannot read it, so converting the thread for GLM throws.
    const imported = await fetch(`${BASE}/api/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: BASE },
      body: file({
        type: 'tool-orders__lookup_order',
        toolCallId: 'call-1',
        state: 'output-available',
        input: { order: 'A-1001' },
        output: 'shipped',
      }),
    });
    expect(imported.status).toBe(201);
    const { imported: list } = (await imported.json()) as { imported: Array<{ id: string }> };
    const id = list[0].id;

    await page.goto(`/c/${id}`);
    await send(page, 'And where is A-1002?');
    const answer = assistantMessages(page).last();
    await expect(answer).toHaveAttribute('data-status', 'error');
    await expect(answer).toContainText(FAILED_TEXT);
    // The question was saved: the box is empty, and a reload shows the same, not a running answer.
    await expect(composer(page)).toHaveValue('');
    await page.reload();
    await expect(assistantMessages(page).last()).toHaveAttribute('data-status', 'error');
    await expect(userMessages(page).last()).toContainText('A-1002');

    // Nothing is left running: sharing and the next message are not refused as "still being written".
    const share = await json<unknown>(BASE, `/api/conversations/${id}/share`, { method: 'POST', body: '{}' });
    expect(share.status).toBe(201);
    const again = await chat(BASE, id, 'One more try');
    expect(again.status).toBe(200);
    expect(again.body).toContain(FAILED_TEXT);
  });
});

test.describe('9: opening a search hit stores nothing', () => {
  /** A conversation with two versions of its first question; the second ("beta") is stored. */
  async function twoVersions() {
    const id = newId('conv');
    expect((await chat(BASE, id, 'alpha version about lighthouses')).status).toBe(200);
    const first = await json<StoredPage>(BASE, `/api/conversations/${id}/messages`);
    const alpha = first.body.messages[0].id;
    expect((await chat(BASE, id, 'beta version about windmills', null)).status).toBe(200);
    const leaf = storedLeaf(id);
    expect(leaf).not.toBeNull();
    return { id, alpha, leaf };
  }

  test('a GET with ?m= (also from another site) leaves the stored branch as it was', async ({ page }) => {
    const { id, alpha, leaf } = await twoVersions();
    const plain = await fetch(`${BASE}/c/${id}?m=${alpha}`);
    expect(plain.status).toBe(200);
    const crossSite = await fetch(`${BASE}/c/${id}?m=${alpha}`, {
      headers: { 'sec-fetch-site': 'cross-site', referer: 'https://evil.example/' },
    });
    expect(crossSite.status).toBe(200);
    expect(storedLeaf(id)).toBe(leaf);

    // The browser shows the hit on its branch (the search result's behaviour), still storing nothing.
    await page.goto(`/c/${id}?m=${alpha}`);
    await expect(page.locator('article[data-search-hit="true"]')).toContainText(
      'alpha version about lighthouses',
    );
    await expect(userMessages(page)).toHaveCount(1);
    expect(storedLeaf(id)).toBe(leaf);
  });

  test('while an answer is being written, a GET with ?m= does not move the branch', async () => {
    const { id, alpha } = await twoVersions();
    const response = await fetch(`${BASE}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: BASE },
      body: JSON.stringify({
        id,
        message: { id: newId('q'), role: 'user', parts: [{ type: 'text', text: '::long 3000\nA long one' }] },
      }),
    });
    expect(response.status).toBe(200);
    const reader = response.body?.getReader();
    await reader?.read();
    const streaming = storedLeaf(id);
    expect((await fetch(`${BASE}/c/${id}?m=${alpha}`)).status).toBe(200);
    expect(storedLeaf(id)).toBe(streaming);
    const stop = await fetch(`${BASE}/api/chat/${id}/stop`, { method: 'POST', headers: { origin: BASE } });
    expect(stop.status).toBe(200);
    await reader?.cancel();
    expect(storedLeaf(id)).toBe(streaming);
  });
});

test.describe('10: a share link shows the title of its snapshot', () => {
  test('a rename reaches the link only on "Update link"', async ({ page }) => {
    const id = newId('conv');
    expect((await chat(BASE, id, 'Title test about tides')).status).toBe(200);
    await json(BASE, `/api/conversations/${id}`, {
      method: 'PATCH',
      body: JSON.stringify({ title: 'Tides, public' }),
    });
    const created = await json<{ share: { id: string; url: string } }>(
      BASE,
      `/api/conversations/${id}/share`,
      {
        method: 'POST',
        body: '{}',
      },
    );
    expect(created.status).toBe(201);
    await json(BASE, `/api/conversations/${id}`, {
      method: 'PATCH',
      body: JSON.stringify({ title: 'Private rename' }),
    });

    await page.goto(created.body.share.url);
    await expect(page.getByTestId('shared-title')).toHaveText('Tides, public');
    await expect(page).toHaveTitle(/Tides, public/);

    const updated = await json(BASE, `/api/shares/${created.body.share.id}`, { method: 'PATCH', body: '{}' });
    expect(updated.status).toBe(200);
    await page.reload();
    await expect(page.getByTestId('shared-title')).toHaveText('Private rename');
  });
});

test.describe('10 and 11: limits, on servers of this spec', () => {
  test.describe.configure({ mode: 'serial' });
  let mcp: ChildProcess | undefined;
  let app: AppProcess | undefined;

  test.afterEach(async () => {
    app?.child.kill('SIGTERM');
    if (app) await app.exited;
    app = undefined;
    mcp?.kill('SIGTERM');
    mcp = undefined;
  });

  test('parallel sends while an MCP server connects: only the cap gets through', async () => {
    mcp = spawn(process.execPath, ['e2e/fixtures/mcp-server.mjs'], {
      env: { ...process.env, MCP_TEST_PORT: String(SLOW_MCP_PORT), MCP_TEST_DELAY_MS: '1500' },
      stdio: 'ignore',
    });
    await expect
      .poll(
        async () =>
          (await fetch(`http://127.0.0.1:${SLOW_MCP_PORT}/health`).catch(() => undefined))?.status ?? 0,
        { timeout: 15_000 },
      )
      .toBe(200);
    app = await startApp(OWN_PORT, {
      CHAT_MAX_STREAMS: '1',
      CHAT_RATE_LIMIT: '100',
      MCP_SERVERS: JSON.stringify([{ name: 'slow', url: `http://127.0.0.1:${SLOW_MCP_PORT}/mcp` }]),
    });
    const base = app.url;
    // Four at once, each into its own conversation: every one reaches the server while the MCP
    // server is still connecting.
    const results = await Promise.all([0, 1, 2, 3].map((n) => chat(base, newId(`par${n}`), `Parallel ${n}`)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 429, 429, 429]);
    for (const refused of results.filter((r) => r.status === 429)) {
      expect(JSON.parse(refused.body).error.code).toBe('too_many_streams');
    }
    // Once the answer that ran has been saved, its place is free again (a refused send is not counted).
    await expect.poll(async () => (await chat(base, newId('after'), 'After the others')).status).toBe(200);
  });

  test('a summary counts against the chat rate; a refused message stays in the composer with the reason', async ({
    page,
  }) => {
    app = await startApp(OWN_PORT, { CHAT_RATE_LIMIT: '3', MCP_SERVERS: '[]' });
    const base = app.url;
    const id = newId('rate');
    expect((await chat(base, id, 'First question about rivers')).status).toBe(200);
    expect((await chat(base, id, 'Second question about lakes')).status).toBe(200);
    // The third call to GLM this minute: a summary of the oldest turn.
    const compact = await json<{ context: { mode: string } }>(base, `/api/conversations/${id}/context`, {
      method: 'POST',
      body: JSON.stringify({ action: 'compact', draftTokens: 10 }),
    });
    expect(compact.status).toBe(200);
    expect(compact.body.context.mode).toBe('compact');

    // The fourth is over the limit: the message is refused before it is saved, and stays in the box.
    await page.goto(`${base}/c/${id}`);
    await expect(userMessages(page)).toHaveCount(2);
    const text = 'Third question, which must not be lost';
    await send(page, text);
    await expect(
      page.getByRole('alert').filter({ hasText: 'Too many messages: at most 3 a minute' }),
    ).toBeVisible();
    await expect(composer(page)).toHaveValue(text);
    await expect(userMessages(page)).toHaveCount(2);
    const stored = await json<StoredPage>(base, `/api/conversations/${id}/messages`);
    expect(stored.body.messages.filter((m) => m.role === 'user')).toHaveLength(2);
  });
});
