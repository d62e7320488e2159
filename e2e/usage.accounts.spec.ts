import { createHash, randomBytes } from 'node:crypto';
import { type Browser, expect, type Page, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { assistantMessages, databasePath, startConversation } from './helpers';

/**
 * The usage page with accounts: each user sees their own days; an admin also sees every user's, per
 * user per day. Accounts are made through the real sign-up (an invite written straight into the
 * database as a setup step, like the fuzz spec), the admin's role likewise.
 */
test.describe.configure({ mode: 'serial' });

const stamp = Date.now();
const ADMIN = {
  name: 'Usage Admin',
  email: `usage-admin-${stamp}@example.test`,
  password: 'usage admin passphrase',
};
const MEMBER = {
  name: 'Usage Member',
  email: `usage-member-${stamp}@example.test`,
  password: 'usage member passphrase',
};

function inviteToken(): string | undefined {
  const db = new Database(databasePath('accounts'), { fileMustExist: true });
  try {
    const anyUser = db.prepare('select id from "user" order by created_at limit 1').get() as
      | { id: string }
      | undefined;
    if (!anyUser) return undefined; // A fresh install: the first sign-up needs no invite (and is admin).
    const token = randomBytes(16).toString('base64url');
    db.prepare(
      'insert into invites (id, token_hash, created_by, created_at, expires_at) values (?, ?, ?, ?, ?)',
    ).run(
      randomBytes(9).toString('base64url'),
      createHash('sha256').update(token).digest('base64url'),
      anyUser.id,
      Date.now(),
      Date.now() + 3_600_000,
    );
    return token;
  } finally {
    db.close();
  }
}

async function signUp(browser: Browser, who: typeof ADMIN): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  const token = inviteToken();
  await page.goto(token ? `/sign-up?invite=${token}` : '/sign-up');
  await page.getByLabel('Name').fill(who.name);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/$/);
  return page;
}

function makeAdmin(email: string) {
  const db = new Database(databasePath('accounts'), { fileMustExist: true });
  db.prepare(`update "user" set role = 'admin' where email = ?`).run(email);
  db.close();
}

const today = (page: Page) =>
  page.evaluate(() =>
    new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10),
  );

let adminPage: Page;
let memberPage: Page;

test('each user’s usage page lists today’s answers; only an admin sees every user', async ({ browser }) => {
  adminPage = await signUp(browser, ADMIN);
  makeAdmin(ADMIN.email);
  memberPage = await signUp(browser, MEMBER);

  await startConversation(memberPage, '::rate 0\nWhat does usage look like?');
  await expect(assistantMessages(memberPage).nth(0)).toHaveAttribute('data-status', 'complete');
  const memberCost =
    (await assistantMessages(memberPage).nth(0).getByTestId('message-cost').textContent()) ?? '';

  // The member: their own day, one answer, the same cost as under the answer; no all-users view.
  await memberPage.goto('/usage');
  const own = memberPage.getByRole('table', { name: 'Your usage per day' });
  const day = await today(memberPage);
  const row = own.locator(`tr[data-day="${day}"]`);
  await expect(row.getByTestId('usage-messages')).toHaveText('1');
  await expect(row.getByTestId('usage-cost')).toHaveText(memberCost);
  await expect(memberPage.getByRole('table', { name: 'All users per day' })).toHaveCount(0);
  const denied = await memberPage.request.get('/api/usage?scope=all');
  expect(denied.status()).toBe(404);

  // The admin: nothing of their own yet, and the member's day in the all-users table.
  await adminPage.goto('/usage');
  await expect(adminPage.getByText('No usage in the last 30 days.')).toBeVisible();
  const all = adminPage.getByRole('table', { name: 'All users per day' });
  const memberRow = all.locator(`tr[data-day="${day}"]`).filter({ hasText: MEMBER.email });
  await expect(memberRow.getByTestId('usage-messages')).toHaveText('1');
  await expect(memberRow.getByTestId('usage-cost')).toHaveText(memberCost);
  await expect(all.locator('tr').filter({ hasText: ADMIN.email })).toHaveCount(0);
});
