import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { assistantMessages, composer, userMessages } from './helpers';

/**
 * Accounts and ownership, on the server with AUTH_MODE=password and invite-only sign-up.
 * One story in order: the first visitor becomes admin, invites B, and B never sees A's data.
 */
test.describe.configure({ mode: 'serial' });

const A = { name: 'Ada Admin', email: `ada-${Date.now()}@example.test`, password: 'correct horse battery' };
const B = { name: 'Bob Other', email: `bob-${Date.now()}@example.test`, password: 'another long passphrase' };

let contextA: BrowserContext;
let contextB: BrowserContext;
let pageA: Page;
let pageB: Page;
let conversationA = '';
let inviteLink = '';

async function signUp(page: Page, who: typeof A) {
  await page.getByLabel('Name').fill(who.name);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Create account' }).click();
}

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The error a form shows (Next's route announcer is an alert too, outside any form). */
const formAlert = (page: Page) => page.locator('form').getByRole('alert');

async function freshPage(browser: Browser): Promise<[BrowserContext, Page]> {
  const context = await browser.newContext();
  return [context, await context.newPage()];
}

test.afterAll(async () => {
  await contextA?.close();
  await contextB?.close();
});

test('a fresh install sends the first visitor to create the admin account', async ({ browser }) => {
  [contextA, pageA] = await freshPage(browser);
  await pageA.goto('/');
  await expect(pageA).toHaveURL(/\/sign-up$/);
  await expect(pageA.getByText('first account on this server')).toBeVisible();
  await signUp(pageA, A);
  await expect(pageA).toHaveURL(/\/$/);
  await expect(pageA.getByRole('link', { name: 'Admin' })).toBeVisible();
});

test('A chats; the conversation is A’s', async () => {
  await pageA.goto('/');
  await composer(pageA).fill('::rate 0\nA secret plan');
  await composer(pageA).press('Enter');
  await expect(pageA).toHaveURL(/\/c\/[A-Za-z0-9_-]+$/);
  await expect(assistantMessages(pageA).last()).toHaveAttribute('data-status', 'complete');
  conversationA = new URL(pageA.url()).pathname.split('/').pop() ?? '';
  expect(conversationA).not.toBe('');
});

test('sign-up is invite-only: no link, no account; the admin makes a single-use link', async ({
  browser,
}) => {
  const [context, page] = await freshPage(browser);
  await page.goto('/sign-up');
  await expect(page.getByRole('heading', { name: 'Sign-up is closed' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create account' })).toHaveCount(0);
  await context.close();

  await pageA.goto('/admin');
  await pageA.getByRole('button', { name: 'Create invite link' }).click();
  const link = pageA.getByRole('textbox', { name: 'Invite link' });
  await expect(link).toHaveValue(/\/sign-up\?invite=[A-Za-z0-9_-]{22}$/);
  inviteLink = await link.inputValue();
});

test('B signs up with the link, which then no longer works', async ({ browser }) => {
  [contextB, pageB] = await freshPage(browser);
  await pageB.goto(inviteLink);
  await signUp(pageB, B);
  await expect(pageB).toHaveURL(/\/$/);
  await expect(pageB.getByRole('link', { name: 'Admin' })).toHaveCount(0);

  const [context, page] = await freshPage(browser);
  await page.goto(inviteLink);
  await signUp(page, {
    name: 'Eve',
    email: `eve-${Date.now()}@example.test`,
    password: 'yet another passphrase',
  });
  await expect(formAlert(page)).toContainText(/invite link is invalid, used or expired/);
  await context.close();
});

test('B never sees A’s conversation: not in the sidebar, not by URL, not through any API', async () => {
  const nav = pageB.getByRole('navigation', { name: 'Conversations' });
  await pageB.goto('/');
  await expect(nav).toContainText('No conversations yet.');
  await expect(nav).not.toContainText('A secret plan');

  const byUrl = await pageB.goto(`/c/${conversationA}`);
  expect(byUrl?.status()).toBe(404);
  await expect(pageB.getByText('A secret plan')).toHaveCount(0);

  const origin = new URL(pageB.url()).origin;
  const api = pageB.request;
  expect((await api.get(`/api/conversations/${conversationA}`)).status()).toBe(404);
  const list = await (await api.get('/api/conversations')).json();
  expect(JSON.stringify(list)).not.toContain(conversationA);
  const send = await api.post('/api/chat', {
    headers: { origin },
    data: {
      id: conversationA,
      message: { id: 'msg-from-bob-1', role: 'user', parts: [{ type: 'text', text: 'hi' }] },
    },
  });
  expect(send.status()).toBe(404);
  expect((await api.post(`/api/chat/${conversationA}/stop`, { headers: { origin } })).status()).toBe(404);
  expect((await api.get('/api/admin/invites')).status()).toBe(404);
  expect((await pageB.goto('/admin'))?.status()).toBe(404);
});

test('A’s conversation is untouched by B’s attempts', async () => {
  await pageA.goto(`/c/${conversationA}`);
  await expect(userMessages(pageA)).toHaveCount(1);
  await expect(userMessages(pageA).first()).toContainText('A secret plan');
  await expect(assistantMessages(pageA)).toHaveCount(1);
  await expect(assistantMessages(pageA).first()).toHaveAttribute('data-status', 'complete');
});

test('cross-origin writes are refused even with a valid session', async () => {
  const response = await pageA.request.post('/api/chat', {
    headers: { origin: 'https://evil.example' },
    data: {
      id: conversationA,
      message: { id: 'msg-evil-1', role: 'user', parts: [{ type: 'text', text: 'x' }] },
    },
  });
  expect(response.status()).toBe(403);
  expect((await response.json()).error.code).toBe('forbidden');
});

test('anonymous visitors land on sign-in, and the API answers 401', async ({ browser }) => {
  const [context, page] = await freshPage(browser);
  await page.goto(`/c/${conversationA}`);
  await expect(page).toHaveURL(new RegExp(`/sign-in\\?next=%2Fc%2F${conversationA}$`));
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  expect((await page.request.get('/api/conversations')).status()).toBe(401);
  expect((await page.request.get(`/api/conversations/${conversationA}`)).status()).toBe(401);

  // Signing in goes back to the page that was asked for.
  await signIn(page, A.email, A.password);
  await expect(page).toHaveURL(new RegExp(`/c/${conversationA}$`));
  await context.close();
});

test('a wrong password and an unknown email get the same answer', async ({ browser }) => {
  const [context, page] = await freshPage(browser);
  await page.goto('/sign-in');
  await signIn(page, A.email, 'not the password at all');
  const wrongPassword = await formAlert(page).textContent();
  await signIn(page, `nobody-${Date.now()}@example.test`, 'not the password at all');
  await expect(formAlert(page)).toHaveText(wrongPassword ?? '');
  expect(wrongPassword).toMatch(/invalid email or password/i);
  await context.close();
});

test('an admin can disable B, who is signed out and cannot sign in', async ({ browser }) => {
  await pageA.goto('/admin');
  const row = pageA.getByTestId('admin-user').filter({ hasText: B.email });
  await row.getByRole('button', { name: 'Disable' }).click();
  await expect(row.getByTestId('user-status')).toHaveText('Disabled');

  await pageB.goto('/');
  await expect(pageB).toHaveURL(/\/sign-in/);
  await signIn(pageB, B.email, B.password);
  await expect(formAlert(pageB)).toContainText(/disabled/i);

  await row.getByRole('button', { name: 'Enable' }).click();
  await expect(row.getByTestId('user-status')).toHaveText('Active');
  const [context, page] = await freshPage(browser);
  await page.goto('/sign-in');
  await signIn(page, B.email, B.password);
  await expect(page).toHaveURL(/\/$/);
  await context.close();
});

test('B deletes their account and everything in it', async () => {
  await pageB.goto('/sign-in');
  if (pageB.url().includes('/sign-in')) await signIn(pageB, B.email, B.password);
  await expect(pageB).toHaveURL(/\/$/);
  await composer(pageB).fill('::rate 0\nBob’s own note');
  await composer(pageB).press('Enter');
  await expect(assistantMessages(pageB).last()).toHaveAttribute('data-status', 'complete');
  const conversationB = new URL(pageB.url()).pathname.split('/').pop() ?? '';

  await pageB.goto('/account');
  await pageB.getByLabel('Password', { exact: true }).fill(B.password);
  await pageB.getByRole('button', { name: 'Delete my account and all my data' }).click();
  await expect(pageB).toHaveURL(/\/sign-in/);
  await signIn(pageB, B.email, B.password);
  await expect(formAlert(pageB)).toContainText(/invalid email or password/i);

  // A (admin) finds no trace of B; B's conversation id is gone for everyone.
  await pageA.goto('/admin');
  await expect(pageA.getByTestId('admin-user').filter({ hasText: B.email })).toHaveCount(0);
  expect((await pageA.request.get(`/api/conversations/${conversationB}`)).status()).toBe(404);
});

test('changing the password signs out other sessions', async ({ browser }) => {
  const [context, other] = await freshPage(browser);
  await other.goto('/sign-in');
  await signIn(other, A.email, A.password);
  await expect(other).toHaveURL(/\/$/);

  await pageA.goto('/account');
  await pageA.getByLabel('Current password').fill(A.password);
  await pageA.getByLabel('New password').fill('a brand new passphrase');
  await pageA.getByRole('button', { name: 'Change password' }).click();
  await expect(pageA.getByRole('status')).toContainText('Password changed');
  A.password = 'a brand new passphrase';

  await other.goto('/');
  await expect(other).toHaveURL(/\/sign-in/);
  await pageA.goto('/');
  await expect(pageA).toHaveURL(/\/$/);
  await context.close();
});
