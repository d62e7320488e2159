import { expect, test } from '@playwright/test';
import { startApp } from './fixtures/app-process';
import { assistantMessages, chatRequests, send } from './helpers';

/**
 * What the recorded GLM wire traces broke (issue 19), as a user meets it: Z.ai's billing error is sent
 * once and named, a conversation that outgrew the window ends with the drop/summary choice, an error
 * reads the same live and after a reload, and Workers AI's zero-usage finish does not zero the usage.
 * The e2e simulator is the Z.ai flavour (GLM_MAX_RETRIES=1 on this server).
 */

const requestsWith = async (tag: string) =>
  (await chatRequests()).filter((r) => JSON.stringify(r.body.messages ?? []).includes(tag));

test('Z.ai 1113 with HTTP 429 is sent once and says the balance or plan is the problem', async ({ page }) => {
  const tag = `BILL${Date.now()}`;
  await page.goto('/');
  await send(page, `::error 429 billing\n${tag}`);
  const answer = assistantMessages(page).last();
  await expect(answer).toHaveAttribute('data-status', 'error');
  await expect(answer.getByRole('alert')).toContainText(
    'The Z.ai account has no balance or no resource package for this model',
  );
  await expect(answer.getByRole('alert')).toContainText('retrying will not help');
  expect(await requestsWith(tag)).toHaveLength(1);
});

test('a finish_reason model_context_window_exceeded ends as an error with the drop/summary choice', async ({
  page,
}) => {
  const tag = `WIN${Date.now()}`;
  await page.goto('/');
  await send(page, `::finish model_context_window_exceeded\n${tag}`);
  const answer = assistantMessages(page).last();
  await expect(answer).toHaveAttribute('data-status', 'error');
  await expect(answer.getByRole('alert')).toHaveText(
    "The conversation is too long for the model's context window.",
  );
  await expect(page.getByTestId('context-error-choice')).toBeVisible();
  await page.reload();
  await expect(assistantMessages(page).last()).toHaveAttribute('data-status', 'error');
  await expect(page.getByTestId('context-error-choice')).toBeVisible();
});

test('the error sentence shown live is the one shown after a reload', async ({ page }) => {
  const tag = `LIVE${Date.now()}`;
  await page.goto('/');
  await send(page, `::error 429\n${tag}`);
  await expect(page).toHaveURL(/\/c\/[A-Za-z0-9_-]+$/);
  const alert = assistantMessages(page).last().getByRole('alert');
  await expect(alert).toContainText('GLM is rate limited or at capacity right now');
  const live = (await alert.textContent()) ?? '';
  expect(live).not.toContain('The answer could not be completed.');
  // Both tries (GLM_MAX_RETRIES=1) were sent before it gave up.
  expect(await requestsWith(tag)).toHaveLength(2);
  await page.reload();
  await expect(assistantMessages(page).last().getByRole('alert')).toHaveText(live);
});

test.describe('Workers AI (in-process simulator, Cloudflare flavour)', () => {
  const port = Number(process.env.E2E_APP_PORT ?? 3311) + 5;
  let app: Awaited<ReturnType<typeof startApp>> | undefined;

  test.beforeAll(async () => {
    // No GLM_BASE_URL: the app answers from its in-process simulator in Workers AI's shapes.
    app = await startApp(port, { GLM_BASE_URL: '', SIMULATOR_FLAVOUR: 'cloudflare' });
  });
  test.afterAll(async () => {
    app?.child.kill('SIGTERM');
    await app?.exited;
  });

  test('the real usage is shown after the doubled finish whose second usage is all zeros', async ({
    page,
  }) => {
    await page.goto(`${app?.url}/`);
    await send(page, '::rate 0\nHello there');
    const answer = assistantMessages(page).last();
    await expect(answer).toHaveAttribute('data-status', 'complete');
    const tokens = answer.getByTestId('message-tokens');
    await expect(tokens).toHaveText(/^[1-9][\d,]* in · [1-9][\d,]* out$/);
    const shown = (await tokens.textContent()) ?? '';
    await page.reload();
    await expect(assistantMessages(page).last().getByTestId('message-tokens')).toHaveText(shown);
  });
});
