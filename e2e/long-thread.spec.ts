import { expect, test } from '@playwright/test';
// The benchmarks' own seed: a conversation written straight into the server's SQLite file.
import { seedConversation } from '../bench/seed-thread.mjs';
import { assistantMessages, databasePath } from './helpers';

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
  // Scrolling to the top brings the first question in (rendered as it comes into view).
  const scroller = page.getByTestId('thread-scroller');
  await expect(async () => {
    await scroller.evaluate((el) => {
      el.scrollTop = 0;
    });
    await expect(page.getByText('Question 0: how do B-trees behave under load?')).toBeVisible({
      timeout: 1000,
    });
  }).toPass({ timeout: 15_000 });
  expect(await page.locator('article[data-role]').count()).toBeLessThan(40);
});
