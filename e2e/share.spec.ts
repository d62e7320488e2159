import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { assistantMessages, send, startConversation, userMessages } from './helpers';

/**
 * Sharing, on a server with accounts and open sign-up (its own fresh database): an owner shares,
 * anonymous visitors read, another user tries to interfere and continues a copy.
 */
test.describe.configure({ mode: 'serial' });

const stamp = Date.now();
const OWNER = { name: 'Olive Owner', email: `olive-${stamp}@example.test`, password: 'owner passphrase 1' };
const OTHER = { name: 'Bob Other', email: `bob-${stamp}@example.test`, password: 'other passphrase 22' };
const LINK = /\/s\/[A-Za-z0-9_-]{22}$/;

let ownerContext: BrowserContext;
let owner: Page;
let otherContext: BrowserContext;
let other: Page;

async function signUp(page: Page, who: typeof OWNER) {
  await page.goto('/sign-up');
  await page.getByLabel('Name').fill(who.name);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/$/);
}

async function finished(page: Page) {
  const answer = assistantMessages(page).last();
  await expect(answer).toHaveAttribute('data-status', 'complete');
  return answer;
}

async function openShareDialog(page: Page) {
  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('checkbox', { name: 'Include reasoning' })).toBeEnabled();
  return dialog;
}

/** Creates a link in the Share dialog (with options set first) and returns it. */
async function createLink(page: Page, set?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>) {
  const dialog = await openShareDialog(page);
  await set?.(dialog);
  await dialog.getByRole('button', { name: 'Create link' }).click();
  const field = dialog.getByRole('textbox', { name: 'Share link' });
  await expect(field).toHaveValue(LINK);
  const link = await field.inputValue();
  await dialog.getByRole('button', { name: 'Close' }).click();
  return link;
}

async function anonymous(browser: Browser): Promise<[BrowserContext, Page]> {
  const context = await browser.newContext();
  return [context, await context.newPage()];
}

/** Status and body of a GET by a client with no cookies at all. */
async function fetchAnonymously(url: string): Promise<{ status: number; html: string; ms: number }> {
  const started = performance.now();
  const response = await fetch(url, { redirect: 'manual' });
  const html = await response.text();
  return { status: response.status, html, ms: performance.now() - started };
}

const conversationIdOf = (page: Page) => new URL(page.url()).pathname.split('/').pop() ?? '';

async function shareIdOf(page: Page): Promise<string> {
  const response = await page.request.get(`/api/conversations/${conversationIdOf(page)}/share`);
  const body = (await response.json()) as { share: { id: string } | null };
  return body.share?.id ?? '';
}

test.beforeAll(async ({ browser }) => {
  ownerContext = await browser.newContext();
  owner = await ownerContext.newPage();
  await signUp(owner, OWNER);
  otherContext = await browser.newContext();
  other = await otherContext.newPage();
  await signUp(other, OTHER);
});

test.afterAll(async () => {
  await ownerContext?.close();
  await otherContext?.close();
});

let firstLink = '';
let firstConversation = '';

test('anyone with the link reads the snapshot; later messages only after "Update link"; never another branch', async ({
  browser,
}) => {
  await startConversation(owner, '::rate 0\nAlpha question about sharing');
  const first = await finished(owner);
  const oldReasoning = (await first.getByTestId('reasoning').textContent()) ?? '';
  expect(oldReasoning).toContain('Alpha question');
  // Another branch: the first answer (with reasoning) is replaced by one asked without thinking.
  await owner.getByRole('button', { name: 'Think' }).click();
  await first.getByRole('button', { name: 'Regenerate' }).click();
  await expect(assistantMessages(owner).last().getByTestId('reasoning')).toHaveCount(0);
  await finished(owner);

  firstLink = await createLink(owner);
  firstConversation = conversationIdOf(owner);
  await send(owner, '::rate 0\nBravo follow-up');
  await expect(assistantMessages(owner)).toHaveCount(2);
  await finished(owner);

  const [context, visitor] = await anonymous(browser);
  const response = await visitor.goto(firstLink);
  expect(response?.status()).toBe(200);
  await expect(visitor.getByTestId('shared-title')).toBeVisible();
  await expect(userMessages(visitor)).toHaveCount(1);
  await expect(userMessages(visitor).first()).toContainText('Alpha question about sharing');
  await expect(assistantMessages(visitor)).toHaveCount(1);
  await expect(visitor.getByRole('textbox', { name: 'Message' })).toHaveCount(0);
  const html = (await response?.text()) ?? '';
  expect(html).toContain('Alpha question about sharing');
  expect(html).not.toContain('Bravo follow-up');
  expect(html).not.toContain('The user asks'); // the other branch's reasoning
  expect(html).not.toContain(OWNER.email);
  expect(html).not.toContain(conversationIdOf(owner));
  expect(html).toMatch(/<meta name="robots" content="noindex, nofollow"/);
  expect(html).toMatch(/<meta property="og:title"/);
  expect(html).toMatch(/<meta property="og:description" content="::rate 0 Alpha question about sharing"/);

  // The preview image is drawn by the server itself (no font fetched from anywhere).
  const image = html.match(/<meta property="og:image" content="([^"]+)"/)?.[1] ?? '';
  expect(image).toContain('/opengraph-image');
  const png = await visitor.request.get(image.replaceAll('&amp;', '&'));
  expect(png.status()).toBe(200);
  expect(png.headers()['content-type']).toBe('image/png');

  const dialog = await openShareDialog(owner);
  await expect(dialog.getByTestId('share-status')).toContainText('gone on since');
  await dialog.getByRole('button', { name: 'Update link' }).click();
  await expect(dialog.getByTestId('share-status')).toContainText('whole conversation');
  await expect(dialog.getByRole('textbox', { name: 'Share link' })).toHaveValue(firstLink);
  await dialog.getByRole('button', { name: 'Close' }).click();

  await visitor.reload();
  await expect(userMessages(visitor)).toHaveCount(2);
  await expect(userMessages(visitor).last()).toContainText('Bravo follow-up');
  const updated = await fetchAnonymously(firstLink);
  expect(updated.html).not.toContain('The user asks');
  await context.close();
});

test('turning off reasoning and tool details removes them from the page source, not just the view', async () => {
  await owner.getByRole('button', { name: 'Think' }).click(); // thinking back on
  await startConversation(owner, '::rate 0\n::tool calculator {"expression":"2+3"}\nCompute it');
  const answer = await finished(owner);
  await expect(answer.getByTestId('tool-call')).toHaveCount(1);
  await expect(answer.getByTestId('reasoning').first()).toBeAttached();
  const reasoningMarker = 'The question needs live data';

  const link = await createLink(owner, async (dialog) => {
    await dialog.getByRole('checkbox', { name: 'Include reasoning' }).uncheck();
    await dialog.getByRole('checkbox', { name: 'Include tool details' }).uncheck();
  });
  const hidden = await fetchAnonymously(link);
  expect(hidden.status).toBe(200);
  expect(hidden.html).toContain('Compute it');
  expect(hidden.html).not.toContain(reasoningMarker);
  expect(hidden.html).not.toContain('tool-calculator');
  expect(hidden.html).not.toContain('toolCallId');
  expect(hidden.html).not.toContain('data-testid="reasoning"');

  // The same link with both switched back on shows them: the check above can fail.
  const dialog = await openShareDialog(owner);
  await dialog.getByRole('checkbox', { name: 'Include reasoning' }).check();
  await dialog.getByRole('checkbox', { name: 'Include tool details' }).check();
  await dialog.getByRole('button', { name: 'Update link' }).click();
  await expect(dialog.getByText('Link updated.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  const shown = await fetchAnonymously(link);
  expect(shown.html).toContain(reasoningMarker);
  expect(shown.html).toContain('tool-calculator');
});

test('another user can neither update nor revoke a link (404), nor make one for the conversation', async () => {
  const shareId = await shareIdOf(owner);
  expect(shareId).not.toBe('');
  const origin = new URL(owner.url()).origin;
  const headers = { origin };
  const api = other.request;
  expect((await api.patch(`/api/shares/${shareId}`, { headers, data: {} })).status()).toBe(404);
  expect((await api.delete(`/api/shares/${shareId}`, { headers })).status()).toBe(404);
  const conversation = conversationIdOf(owner);
  expect((await api.post(`/api/conversations/${conversation}/share`, { headers, data: {} })).status()).toBe(
    404,
  );
  expect((await api.get(`/api/conversations/${conversation}/share`)).status()).toBe(404);
  expect(JSON.stringify(await (await api.get('/api/shares')).json())).not.toContain(shareId);
  // A cross-site write by the owner's own browser is refused too.
  const crossSite = await owner.request.delete(`/api/shares/${shareId}`, {
    headers: { origin: 'https://evil.example' },
  });
  expect(crossSite.status()).toBe(403);
});

test('revoked, expired and random tokens are all 404, in the same time', async () => {
  const dialog = await openShareDialog(owner);
  const link = await dialog.getByRole('textbox', { name: 'Share link' }).inputValue();
  await dialog.getByRole('button', { name: 'Revoke' }).click();
  await expect(dialog.getByRole('button', { name: 'Create link' })).toBeVisible();
  expect((await fetchAnonymously(link)).status).toBe(404);

  // A link that expires in a day, moved into the past in the server's database.
  await dialog.getByLabel('Expires').selectOption('1d');
  await dialog.getByRole('button', { name: 'Create link' }).click();
  const expiring = await dialog.getByRole('textbox', { name: 'Share link' }).inputValue();
  await dialog.getByRole('button', { name: 'Close' }).click();
  expect((await fetchAnonymously(expiring)).status).toBe(200);
  const db = new Database(process.env.E2E_SHARE_DB ?? '');
  try {
    const token = expiring.split('/').pop();
    const moved = db
      .prepare('update shares set expires_at = ? where token = ?')
      .run(Date.now() - 1000, token).changes;
    expect(moved).toBe(1);
  } finally {
    db.close();
  }
  expect((await fetchAnonymously(expiring)).status).toBe(404);

  const random = `${new URL(link).origin}/s/${Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64url')}`;
  expect((await fetchAnonymously(random)).status).toBe(404);

  // Timing: the median of interleaved requests differs by no more than noise.
  const revokedTimes: number[] = [];
  const randomTimes: number[] = [];
  for (let i = 0; i < 9; i += 1) {
    revokedTimes.push((await fetchAnonymously(link)).ms);
    randomTimes.push((await fetchAnonymously(random)).ms);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  expect(Math.abs(median(revokedTimes) - median(randomTimes))).toBeLessThan(40);
});

test('"Continue this conversation" signs the visitor in, then makes an independent copy', async ({
  browser,
}) => {
  const [context, visitor] = await anonymous(browser);
  await visitor.goto(firstLink);
  await visitor.getByRole('button', { name: 'Continue this conversation' }).click();
  await expect(visitor).toHaveURL(/\/sign-in\?next=/);
  await visitor.getByLabel('Email').fill(OTHER.email);
  await visitor.getByLabel('Password').fill(OTHER.password);
  await visitor.getByRole('button', { name: 'Sign in' }).click();
  await expect(visitor).toHaveURL(/\/c\/[A-Za-z0-9_-]+$/);
  const copyUrl = visitor.url();
  await expect(userMessages(visitor)).toHaveCount(2);
  await expect(userMessages(visitor).first()).toContainText('Alpha question about sharing');

  await send(visitor, '::rate 0\nCharlie from the visitor');
  await expect(assistantMessages(visitor)).toHaveCount(3);
  await finished(visitor);

  const ownerThread = async () =>
    JSON.stringify(await (await owner.request.get(`/api/conversations/${firstConversation}`)).json());
  expect(await ownerThread()).toContain('Bravo follow-up');
  expect(await ownerThread()).not.toContain('Charlie from the visitor');

  // The owner goes on: the copy does not change.
  await owner.goto(`/c/${firstConversation}`);
  await send(owner, '::rate 0\nDelta from the owner');
  await expect(assistantMessages(owner)).toHaveCount(3);
  await finished(owner);
  await visitor.goto(copyUrl);
  // (The thread is virtualised: the oldest question may be out of the DOM, so the count is read
  // from the copy as stored, and the page is checked for the newest question.)
  await expect(userMessages(visitor).last()).toContainText('Charlie from the visitor');
  const copyId = new URL(copyUrl).pathname.split('/').pop();
  const copy = (await (await visitor.request.get(`/api/conversations/${copyId}`)).json()) as {
    messages: { role: string }[];
  };
  expect(copy.messages.filter((m) => m.role === 'user')).toHaveLength(3);
  await expect(visitor.getByText('Delta from the owner')).toHaveCount(0);
  await context.close();
});

test('the Shared links page lists every link with its views, and revokes one', async () => {
  await owner.goto('/');
  await owner.getByRole('link', { name: 'Shared links' }).click();
  await expect(owner).toHaveURL(/\/shares$/);
  const rows = owner.getByTestId('shared-link');
  await expect(rows).toHaveCount(3); // the first link, the options link (revoked), the expired one
  await expect(owner.locator('[data-testid="shared-link"][data-state="Revoked"]')).toHaveCount(1);
  await expect(owner.locator('[data-testid="shared-link"][data-state="Expired"]')).toHaveCount(1);
  const first = owner.locator('[data-testid="shared-link"]', {
    has: owner.locator(`a[href="/c/${firstConversation}"]`),
  });
  await expect(first.getByRole('textbox')).toHaveValue(firstLink);
  expect(Number(await first.getByTestId('share-views').textContent())).toBeGreaterThan(0);
  await first.getByRole('button', { name: 'Revoke' }).click();
  await expect(first).toHaveAttribute('data-state', 'Revoked');
  expect((await fetchAnonymously(firstLink)).status).toBe(404);
});

const XSS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=2">',
  '[click me](javascript:window.__xss=3)',
  '<svg onload="window.__xss=4"><script>window.__xss=5</script></svg>',
  '<iframe src="javascript:window.__xss=6"></iframe>',
  '![pixel](https://tracker.invalid/pixel.png)',
  '<a href="data:text/html,<script>window.__xss=7</script>">data link</a>',
  '<details open ontoggle="window.__xss=8">x</details>',
  '[ref]: javascript:window.__xss=9',
].join(' ');

test('an XSS corpus in the title, messages and tool output stays inert on the shared page', async ({
  browser,
}) => {
  // The first line (the title) and the answer (which quotes the question) carry the corpus.
  const url = await startConversation(owner, XSS);
  await finished(owner);
  // Kept as the user's title (a rename): GLM would otherwise name the conversation after the answer.
  const renamed = await owner.request.patch(`/api/conversations/${new URL(url).pathname.split('/').pop()}`, {
    headers: { origin: new URL(url).origin },
    data: { title: Array.from(XSS).slice(0, 120).join('').trim() },
  });
  expect(renamed.status()).toBe(200);
  await send(
    owner,
    `::rate 0\n::tool run_javascript {"code":"'<img src=x onerror=window.__xss=10><script>window.__xss=11</script>'"}\nRun it`,
  );
  await expect(assistantMessages(owner)).toHaveCount(2);
  await expect(assistantMessages(owner).last().getByTestId('tool-call')).toHaveAttribute(
    'data-state',
    'output-available',
  );
  await finished(owner);
  const link = await createLink(owner);

  const [context, visitor] = await anonymous(browser);
  const dialogs: string[] = [];
  const foreign: string[] = [];
  visitor.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const origin = new URL(link).origin;
  visitor.on('request', (request) => {
    if (!request.url().startsWith(origin) && !request.url().startsWith('data:')) foreign.push(request.url());
  });
  await visitor.goto(link);
  await expect(visitor.getByTestId('shared-title')).toContainText('<script>window.__xss=1</script>');
  await expect(assistantMessages(visitor)).toHaveCount(2);
  // Open every fold so that hidden content is in play too.
  const folded = visitor.locator('button[aria-expanded="false"]:visible');
  for (let i = 0; i < 10 && (await folded.count()) > 0; i += 1) await folded.first().click();
  await visitor.getByText('click me').first().click();
  const found = await visitor.evaluate(() => ({
    xss: (window as unknown as { __xss?: number }).__xss ?? null,
    handlers: document.querySelectorAll('[onerror],[onload],[ontoggle],[onclick]').length,
    jsLinks: document.querySelectorAll('a[href^="javascript:"], a[href^="data:"]').length,
    frames: document.querySelectorAll('iframe, object, embed').length,
    scripts: [...document.scripts].filter(
      (s) => !s.src && s.textContent?.includes('window.__xss') && !s.textContent.includes('self.__next_f'),
    ).length,
    foreignScripts: [...document.scripts].filter((s) => s.src && !s.src.startsWith(location.origin)).length,
    images: document.querySelectorAll('main img').length,
  }));
  expect(found).toEqual({
    xss: null,
    handlers: 0,
    jsLinks: 0,
    frames: 0,
    scripts: 0,
    foreignScripts: 0,
    images: 0,
  });
  expect(dialogs).toEqual([]);
  expect(foreign).toEqual([]);
  await context.close();
});
