import { expect, type Page, test } from '@playwright/test';
import Database from 'better-sqlite3';
// The benchmarks' own seed: a conversation written straight into the server's SQLite file.
import { seedConversation } from '../bench/seed-thread.mjs';
import { assistantMessages, databasePath } from './helpers';

/** The id of the seeded question `Question n: …` (read from the e2e database). */
function questionId(conversationId: string, n: number): string {
  const db = new Database(databasePath('single-user'), { readonly: true });
  try {
    const row = db
      .prepare('select id from messages where conversation_id = ? and content like ?')
      .get(conversationId, `Question ${n}: %`) as { id: string } | undefined;
    if (!row) throw new Error(`no question ${n}`);
    return row.id;
  } finally {
    db.close();
  }
}

function article(page: Page, text: string) {
  return page.locator('article[data-role]').filter({ hasText: text });
}

test('a 400-message conversation opens at its end with only a window rendered, and scrolls to its start', async ({
  page,
}) => {
  const id = seedConversation(databasePath('single-user'), { messages: 400, title: 'Long thread e2e' });
  await page.goto(`/c/${id}`);
  // The newest answer is on screen, complete, as it would be without virtualisation.
  const last = assistantMessages(page).last();
  await expect(last).toBeVisible();
  await expect(last).toHaveAttribute('data-status', 'complete');
  await expect(last).toContainText('part 199');
  // Only the messages near the viewport are in the DOM.
  expect(await page.locator('article[data-role]').count()).toBeLessThan(40);
  // Scrolling to the top again and again loads the older pages until the first question is in.
  const scroller = page.getByTestId('thread-scroller');
  await expect(async () => {
    await scroller.evaluate((el) => {
      el.scrollTop = 0;
    });
    await expect(page.getByText('Question 0: how do B-trees behave under load?')).toBeVisible({
      timeout: 1000,
    });
  }).toPass({ timeout: 60_000 });
  expect(await page.locator('article[data-role]').count()).toBeLessThan(40);
});

test('older messages load above in order as the reader scrolls up, and the view does not jump', async ({
  page,
}) => {
  const id = seedConversation(databasePath('single-user'), { messages: 400, title: 'Long thread paging' });
  // The older page is held back until the reader has settled at the top (it still comes from the server).
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/messages?through=*', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`/c/${id}`);
  await expect(assistantMessages(page).last()).toContainText('part 199');
  const scroller = page.getByTestId('thread-scroller');
  // The page holds the newest messages only: at its top is a question from near the end.
  await scroller.evaluate((el) => {
    el.scrollTop = 0;
  });
  const anchor = page.locator('article[data-role="user"]').first();
  await expect(anchor).toBeVisible();
  const n = Number(/Question (\d+):/.exec((await anchor.textContent()) ?? '')?.[1]);
  expect(n).toBeGreaterThan(100);
  const question = article(page, `Question ${n}:`);
  const topBefore = await question.evaluate((el) => el.getBoundingClientRect().top);
  const older = page.waitForResponse((r) => r.url().includes('/messages?through=') && r.ok());
  release();
  await older;
  // The page above is in: the thread grew above the question, which stays where the reader saw it.
  await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  const topAfter = await question.evaluate((el) => el.getBoundingClientRect().top);
  expect(Math.abs(topAfter - topBefore)).toBeLessThan(4);
  // Just above it, in order: the answer before that question (questions n and answers "part n" alternate).
  await scroller.evaluate((el) => {
    el.scrollTop -= 300;
  });
  await expect(article(page, `part ${n - 1}`).first()).toBeVisible();
  const order = await page
    .locator('article[data-role]')
    .evaluateAll((list) => list.map((a) => a.textContent ?? ''));
  const above = order.findIndex((t) => t.includes(`part ${n - 1}`));
  expect(above).toBeGreaterThanOrEqual(0);
  expect(order[above + 1]).toContain(`Question ${n}:`);
});

test('a search result deep in a long conversation opens there, highlighted', async ({ page }) => {
  const id = seedConversation(databasePath('single-user'), { messages: 400, title: 'Long thread jump' });
  await page.goto(`/c/${id}?m=${questionId(id, 3)}`);
  const hit = page.locator('article[data-search-hit="true"]');
  await expect(hit).toContainText('Question 3: how do');
  await expect(hit).toBeInViewport();
  await expect(page).toHaveURL(new RegExp(`/c/${id}$`));
  // The rest of the conversation is still there below it.
  const scroller = page.getByTestId('thread-scroller');
  await expect(async () => {
    await scroller.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await expect(assistantMessages(page).last()).toContainText('part 199', { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
});
