import { expect, type Page, test } from '@playwright/test';
import { assistantMessages, chatRequests, SIMULATOR_URL, send, startConversation } from './helpers';

/**
 * Usage and cost as a user sees them: under each answer, in the conversation header and on /usage.
 * The expected figures are computed here from the usage the simulator recorded sending, with the
 * default prices ($0.06 input / $0.40 output per million tokens; cached input at the input price).
 */

interface WireUsage {
  prompt_tokens: number;
  completion_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number };
  completion_tokens_details?: { reasoning_tokens?: number };
}

/** The usage of the chat turns (a conversation's title request is not counted in usage; see README). */
async function simulatorUsages(): Promise<WireUsage[]> {
  const requests = (await chatRequests()) as { usage?: WireUsage }[];
  return requests.map((r) => r.usage).filter((u): u is WireUsage => u !== undefined);
}

async function resetSimulator() {
  await fetch(`${SIMULATOR_URL}/__simulator/reset`, { method: 'POST' });
}

/** Picodollars: whole numbers, so the expectation is exact (10^12 pico = $1; $0.06/M = 60,000 per token). */
function expectedPico(usages: WireUsage[]): bigint {
  let pico = 0n;
  for (const u of usages) pico += BigInt(u.prompt_tokens) * 60_000n + BigInt(u.completion_tokens) * 400_000n;
  return pico;
}

/** Dollars with six decimals, rounded half up. */
function usd(pico: bigint): string {
  const micro = (pico + 500_000n) / 1_000_000n;
  return `$${micro / 1_000_000n}.${(micro % 1_000_000n).toString().padStart(6, '0')}`;
}

async function waitForAnswer(page: Page, index: number) {
  await expect(assistantMessages(page).nth(index)).toHaveAttribute('data-status', 'complete');
}

async function todaysCost(page: Page): Promise<bigint> {
  await page.goto('/usage');
  const section = page.getByRole('table', { name: 'Your usage per day' });
  const empty = page.getByText(/No usage in the last 30 days/);
  await expect(section.or(empty)).toBeVisible();
  if (await empty.isVisible()) return 0n;
  const today = await page.evaluate(() => {
    const d = new Date(Date.now() - new Date().getTimezoneOffset() * 60_000);
    return d.toISOString().slice(0, 10);
  });
  const row = section.locator(`tr[data-day="${today}"]`);
  if ((await row.count()) === 0) return 0n;
  // The exact figure is in the cell's title ("Exactly $0.00001802").
  const title = (await row.getByTestId('usage-cost').getAttribute('title')) ?? '';
  const [whole, fraction = ''] = title.replace('Exactly $', '').split('.');
  return BigInt(whole) * 1_000_000_000_000n + BigInt(fraction.padEnd(12, '0'));
}

test('each answer shows its tokens and cost, the header the conversation total, /usage the day', async ({
  page,
}) => {
  const before = await todaysCost(page);
  await resetSimulator();

  await startConversation(page, '::rate 0\nHow much does this answer cost?');
  await waitForAnswer(page, 0);
  const first = await simulatorUsages();
  expect(first).toHaveLength(1);
  const answer = assistantMessages(page).nth(0);
  await expect(answer.getByTestId('message-cost')).toHaveText(usd(expectedPico(first)));
  await expect(answer.getByTestId('message-tokens')).toHaveText(
    `${first[0].prompt_tokens.toLocaleString('en')} in · ${first[0].completion_tokens.toLocaleString('en')} out`,
  );

  // The details: prompt (cached), completion (reasoning), exactly as GLM reported them.
  await answer.getByTestId('message-cost').click();
  await expect(answer.getByTestId('usage-prompt')).toHaveText(first[0].prompt_tokens.toLocaleString('en'));
  await expect(answer.getByTestId('usage-cached')).toHaveText(
    String(first[0].prompt_tokens_details?.cached_tokens ?? 0),
  );
  await expect(answer.getByTestId('usage-reasoning')).toHaveText(
    String(first[0].completion_tokens_details?.reasoning_tokens ?? 0),
  );
  expect(first[0].completion_tokens_details?.reasoning_tokens).toBeGreaterThan(0);
  await expect(page.getByTestId('conversation-cost-value')).toHaveText(usd(expectedPico(first)));

  // A second answer: the header sums both.
  await send(page, '::rate 0\nAnd a second question?');
  await waitForAnswer(page, 1);
  const both = await simulatorUsages();
  expect(both).toHaveLength(2);
  await expect(assistantMessages(page).nth(1).getByTestId('message-cost')).toHaveText(
    usd(expectedPico(both.slice(1))),
  );
  await expect(page.getByTestId('conversation-cost-value')).toHaveText(usd(expectedPico(both)));

  // Reload: the same figures from storage.
  await page.reload();
  await expect(assistantMessages(page).nth(0).getByTestId('message-cost')).toHaveText(
    usd(expectedPico(first)),
  );
  await expect(page.getByTestId('conversation-cost-value')).toHaveText(usd(expectedPico(both)));

  // The usage page: today's total grew by exactly this conversation's cost.
  const after = await todaysCost(page);
  expect(after - before).toBe(expectedPico(both));
  await expect(page.getByTestId('usage-chart')).toBeVisible();
  await page.getByRole('button', { name: 'Last 90 days' }).click();
  await expect(page.getByRole('button', { name: 'Last 90 days' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('table', { name: 'Your usage per day' })).toBeVisible();
  // Single-user mode has no "all users" view.
  await expect(page.getByRole('table', { name: 'All users per day' })).toHaveCount(0);
});

test('a tool loop’s answer costs the sum of its steps', async ({ page }) => {
  await resetSimulator();
  await startConversation(page, '::rate 0\n::tool calculator {"expression":"6*7"}\nWhat is 6*7?');
  await waitForAnswer(page, 0);
  const steps = await simulatorUsages();
  expect(steps.length).toBe(2);
  await expect(assistantMessages(page).nth(0).getByTestId('message-cost')).toHaveText(
    usd(expectedPico(steps)),
  );
});
