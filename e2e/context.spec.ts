import { expect, type Page, test } from '@playwright/test';
import {
  assistantMessages,
  composer,
  isTitleRequest,
  type RecordedRequest,
  SIMULATOR_URL,
  send,
  userMessages,
} from './helpers';

/**
 * The context window, on the server with GLM_CONTEXT_WINDOW=3000 (and 256 tokens kept for the answer):
 * a conversation driven past it offers "drop" and "summarise", both work and survive a reload, and
 * GLM refusing a request as too long leads to the same choice.
 */

interface Recorded {
  path: string;
  body: { stream?: boolean; messages?: Array<{ role: string; content: unknown }> };
}

async function chatRequests(): Promise<Recorded[]> {
  const response = await fetch(`${SIMULATOR_URL}/__simulator/requests`);
  // Not the title request that follows a conversation's first answer.
  return ((await response.json()) as Recorded[]).filter(
    (r) => r.path.endsWith('/chat/completions') && !isTitleRequest(r as RecordedRequest),
  );
}

const lastRequestText = async () => JSON.stringify((await chatRequests()).at(-1)?.body.messages ?? []);

const FILLER = 'The quick brown fox jumps over the lazy dog while the band plays on. '.repeat(20);
/** The thread is virtualised: scroll from the top until the element is rendered. */
async function reveal(page: Page, testId: string) {
  const scroller = page.getByTestId('thread-scroller');
  await scroller.evaluate((el) => el.scrollTo(0, 0));
  await expect(async () => {
    if ((await page.getByTestId(testId).count()) === 0) {
      await scroller.evaluate((el) => el.scrollBy(0, el.clientHeight * 0.7));
    }
    await expect(page.getByTestId(testId)).toBeAttached({ timeout: 300 });
  }).toPass({ timeout: 15_000 });
  await page.getByTestId(testId).scrollIntoViewIfNeeded();
}

const dialog = (page: Page) => page.getByRole('dialog', { name: /would not fit GLM’s context window/ });

/** Sends long turns until the app asks to make room; returns the tag of the turn held back. */
async function fillUntilDialog(page: Page, tag: string): Promise<string> {
  await page.goto('/');
  for (let i = 1; i <= 10; i++) {
    const text = `::rate 0\n${tag}-${i} ${FILLER}`;
    await send(page, text);
    if (i === 1) await expect(page).toHaveURL(/\/c\/[A-Za-z0-9_-]+$/);
    // The thread is virtualised: wait on the last rendered messages, not on counts of them.
    const asked = userMessages(page).filter({ hasText: `${tag}-${i} ` });
    await expect(dialog(page).or(asked)).toBeVisible();
    if (await dialog(page).isVisible()) {
      // Nothing was sent: the draft is still in the box.
      await expect(composer(page)).toHaveValue(text);
      expect(i).toBeGreaterThan(2);
      return `${tag}-${i}`;
    }
    await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0);
    await expect(assistantMessages(page).last()).toHaveAttribute('data-status', 'complete');
  }
  throw new Error('the context window was never reached');
}

test('driven past the window: drop the oldest turns — the marker shows, they are no longer sent', async ({
  page,
}) => {
  const tag = `DROP${Date.now()}`;
  const held = await fillUntilDialog(page, tag);
  await expect(page.getByTestId('context-meter')).toHaveAttribute('data-over', 'true');
  const requestsBefore = (await chatRequests()).length;

  await dialog(page).getByRole('button', { name: 'Drop oldest turns' }).click();
  await expect(dialog(page)).toBeHidden();
  await expect.poll(async () => (await chatRequests()).length).toBe(requestsBefore + 1);
  await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0);
  await expect(assistantMessages(page).last()).toHaveAttribute('data-status', 'complete');
  await expect(composer(page)).toHaveValue('');

  const sent = await lastRequestText();
  expect(sent).toContain(held);
  expect(sent).not.toContain(`${tag}-1 `);
  await reveal(page, 'context-marker');
  await expect(page.getByTestId('context-marker')).toHaveText('Earlier messages are not sent to GLM');
  // The dropped turns are still shown, above the marker.
  const scrollTop = () => page.getByTestId('thread-scroller').evaluate((el) => el.scrollTo(0, 0));
  await scrollTop();
  await expect(userMessages(page).first()).toContainText(`${tag}-1 `);

  await page.reload();
  await scrollTop();
  await expect(userMessages(page).first()).toContainText(`${tag}-1 `);
  await reveal(page, 'context-marker');
  await expect(page.getByTestId('context-marker')).toBeVisible();
  // And the next turn still starts after the cut.
  await send(page, `::rate 0\n${tag}-after-reload`);
  await expect.poll(async () => (await chatRequests()).length).toBe(requestsBefore + 2);
  await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0);
  expect(await lastRequestText()).not.toContain(`${tag}-1 `);
});

test('driven past the window: summarise — GLM’s summary is shown and sent instead of the old turns', async ({
  page,
}) => {
  const tag = `SUM${Date.now()}`;
  const held = await fillUntilDialog(page, tag);
  const before = (await chatRequests()).length;

  await dialog(page).getByRole('button', { name: 'Summarise oldest turns' }).click();
  await expect(dialog(page)).toBeHidden();
  const summary = page.getByTestId('context-summary');
  await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0);
  await reveal(page, 'context-summary');
  await expect(summary).toContainText('Summary of earlier conversation');
  await expect(assistantMessages(page).last()).toHaveAttribute('data-status', 'complete');

  // The summary call: not streamed, thinking off, given the old turns.
  const requests = await chatRequests();
  const summaryCall = requests.slice(before).find((r) => r.body.stream !== true);
  expect(summaryCall).toBeDefined();
  expect(JSON.stringify(summaryCall?.body)).toContain('"thinking":{"type":"disabled"}');
  expect(JSON.stringify(summaryCall?.body.messages)).toContain(`${tag}-1 `);

  // The next request: the summary first, then the kept turns; the old turns are gone.
  const next = requests.at(-1)?.body.messages ?? [];
  expect(next[0]?.role).toBe('user');
  expect(JSON.stringify(next[0]?.content)).toContain('Summary of earlier conversation');
  const sent = JSON.stringify(next);
  expect(sent).toContain(held);
  expect(sent).not.toContain(`${tag}-1 `);

  // Shown as a summary, expandable, and kept after a reload.
  await summary.locator('summary').click();
  await expect(page.getByTestId('context-summary-text')).toBeVisible();
  const shown = (
    (await page.getByTestId('context-summary-text').getByRole('heading').first().textContent()) ?? ''
  ).trim();
  expect(shown.length).toBeGreaterThan(10);
  expect(JSON.stringify(next[0]?.content)).toContain(shown.slice(0, 30));
  await page.reload();
  await reveal(page, 'context-summary');
  await expect(page.getByTestId('context-summary')).toContainText('Summary of earlier conversation');
  await expect(page.getByTestId('context-marker')).toBeVisible();
});

test('GLM refusing the request as too long leads to the same choice; the message is kept and retried', async ({
  page,
}) => {
  const tag = `ERR${Date.now()}`;
  await page.goto('/');
  await send(page, `::rate 0\n${tag}-1 ${FILLER}`);
  await expect(assistantMessages(page).nth(0)).toHaveAttribute('data-status', 'complete');
  // This request is within the app's window, but the simulated backend's window is 400 tokens.
  await send(page, `::rate 0\n::context-limit 400\n${tag}-2 short question`);
  await expect(assistantMessages(page).nth(1)).toHaveAttribute('data-status', 'error');
  await expect(assistantMessages(page).nth(1)).toContainText("too long for the model's context window");
  const choice = page.getByTestId('context-error-choice');
  await expect(choice).toBeVisible();
  await expect(userMessages(page).nth(1)).toContainText(`${tag}-2`);

  await choice.getByRole('button', { name: 'Drop oldest turns' }).click();
  await expect(assistantMessages(page).last()).toHaveAttribute('data-status', 'complete');
  await expect(choice).toBeHidden();
  await expect(page.getByTestId('context-marker')).toBeVisible();
  const sent = await lastRequestText();
  expect(sent).toContain(`${tag}-2`);
  expect(sent).not.toContain(`${tag}-1 `);
});
