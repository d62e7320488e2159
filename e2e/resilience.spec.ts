import { expect, type Page, test } from '@playwright/test';
import { assistantMessages, releaseHeldAnswers, startConversation, userMessages } from './helpers';

const words = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}${i + 1}`).join(' ');

async function answerText(page: Page): Promise<string> {
  return (await assistantMessages(page).last().getByTestId('message-text').textContent()) ?? '';
}

test.describe('nothing the user saw is lost', () => {
  test('reloading mid-answer re-attaches to the live answer and follows it to the end', async ({ page }) => {
    const text = words(60, 'r');
    // Held after ten words until the reloaded page is following it (however slow the machine).
    await startConversation(page, `::rate 20\n::hold-after 10\n::echo\n${text}`);
    await expect(assistantMessages(page).last().getByTestId('message-text')).toContainText('r3 ');
    await page.reload();
    const answer = assistantMessages(page).last();
    await expect(answer).toHaveAttribute('data-status', 'streaming');
    await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible();
    await expect(answer.getByTestId('message-text')).toContainText('r9 ');
    await expect.poll(releaseHeldAnswers).toBe(1);
    await expect(answer).toHaveAttribute('data-status', 'complete');
    await expect(answer.getByTestId('message-text')).toHaveText(text);
    await expect(assistantMessages(page)).toHaveCount(1);
  });

  test('a second tab follows the same answer; Stop in either stops both, with the same text', async ({
    page,
    context,
  }) => {
    const url = await startConversation(page, `::rate 15\n::echo\n${words(200, 's')}`);
    await expect(assistantMessages(page).last().getByTestId('message-text')).toContainText('s2 ');
    const second = await context.newPage();
    await second.goto(url);
    await expect(assistantMessages(second).last()).toHaveAttribute('data-status', 'streaming');
    await expect(assistantMessages(second).last().getByTestId('message-text')).toContainText('s5 ');

    await second.getByRole('button', { name: 'Stop' }).click();
    await expect(assistantMessages(second).last()).toHaveAttribute('data-status', 'stopped');
    await expect(assistantMessages(page).last()).toHaveAttribute('data-status', 'stopped');
    expect(await answerText(page)).toBe(await answerText(second));
    await page.reload();
    await expect(assistantMessages(page).last()).toHaveAttribute('data-status', 'stopped');
    expect(await answerText(page)).toBe(await answerText(second));
  });
});

/** Each upstream fault: what the user sees live, and the same after a reload (what is stored). */
const FAULTS: {
  name: string;
  directive: string;
  status: 'complete' | 'error';
  says?: RegExp;
  partial?: boolean;
}[] = [
  { name: '429 then success (retried)', directive: '::flaky 1', status: 'complete' },
  {
    name: '500 after the retry',
    directive: '::error 500',
    status: 'error',
    says: /overloaded or failing \(HTTP 500\)/,
  },
  {
    name: 'a dropped connection',
    directive: '::drop',
    status: 'error',
    says: /connection to the GLM server failed/,
    partial: true,
  },
  {
    name: 'a mid-stream error frame',
    directive: '::midstream-error',
    status: 'error',
    says: /Internal error/,
    partial: true,
  },
  {
    name: 'an old-vLLM flat error frame',
    directive: '::midstream-error flat',
    status: 'error',
    says: /GLM reported an error/,
    partial: true,
  },
  {
    name: 'a malformed JSON frame',
    directive: '::midstream-error malformed',
    status: 'error',
    says: /could not read/,
    partial: true,
  },
  {
    name: '[DONE] without a finish reason',
    directive: '::no-finish',
    status: 'error',
    says: /ended before the answer was complete/,
    partial: true,
  },
  {
    name: 'a stalled stream (idle timeout)',
    directive: '::hang-after 8',
    status: 'error',
    says: /stopped sending for 2 s/,
    partial: true,
  },
];

test.describe('upstream faults', () => {
  for (const fault of FAULTS) {
    test(`${fault.name}: clear status, user message kept, partial answer kept`, async ({ page }) => {
      await startConversation(page, `::rate 0\n${fault.directive}\nTell me something ${Date.now()}`);
      const answer = assistantMessages(page).last();
      await expect(answer).toHaveAttribute('data-status', fault.status, { timeout: 30_000 });
      if (fault.says) await expect(answer.getByRole('alert')).toContainText(fault.says);
      const before = fault.partial ? await answerText(page) : '';
      if (fault.partial) expect(before.length).toBeGreaterThan(0);

      await page.reload();
      await expect(userMessages(page)).toHaveCount(1);
      const stored = assistantMessages(page).last();
      await expect(stored).toHaveAttribute('data-status', fault.status);
      if (fault.says) await expect(stored.getByRole('alert')).toContainText(fault.says);
      if (fault.partial) expect(await answerText(page)).toBe(before);
    });
  }
});
