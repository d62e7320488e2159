import { expect, type Locator, type Page, test } from '@playwright/test';
import {
  assistantMessages,
  chatRequests,
  composer,
  confirmImeWithEnter,
  send,
  startConversation,
  userMessages,
} from './helpers';

/** Waits for the last answer to end, and returns it. */
async function finished(page: Page): Promise<Locator> {
  const answer = assistantMessages(page).last();
  await expect(answer).toHaveAttribute('data-status', 'complete');
  return answer;
}

function position(message: Locator) {
  return message.getByTestId('version-position');
}

/** The user messages' text that the last request to GLM carried, in order. */
async function lastRequestQuestions(): Promise<string[]> {
  const last = (await chatRequests()).at(-1);
  return (last?.body.messages ?? [])
    .filter((m) => m.role === 'user')
    .map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)))
    .map((text) =>
      text
        .split('\n')
        .filter((line) => !line.startsWith('::'))
        .join('\n'),
    );
}

test.describe('branches', () => {
  // The thread is virtualised: a tall window keeps every message of these short threads rendered,
  // so positions (the second question…) can be counted.
  test.use({ viewport: { width: 1280, height: 2400 } });
  test('edit makes a new version that is answered; switching back and forth survives a reload; GLM gets only the active path', async ({
    page,
  }) => {
    const tag = Date.now();
    await startConversation(page, `::rate 0\nAlpha question ${tag}`);
    await finished(page);
    await send(page, `::rate 0\nBeta question ${tag}`);
    await expect(assistantMessages(page)).toHaveCount(2);
    await finished(page);

    // Edit the second question: an inline editor, Escape leaves everything as it was.
    const second = userMessages(page).nth(1);
    await second.getByRole('button', { name: 'Edit' }).click();
    const editor = second.getByRole('textbox', { name: 'Edit message' });
    await expect(editor).toBeFocused();
    await expect(editor).toHaveValue(`::rate 0\nBeta question ${tag}`);
    await editor.press('Escape');
    await expect(second.getByRole('textbox', { name: 'Edit message' })).toHaveCount(0);
    await expect(second.getByRole('button', { name: 'Edit' })).toBeFocused();
    await expect(second.getByTestId('message-text')).toContainText(`Beta question ${tag}`);

    await second.getByRole('button', { name: 'Edit' }).click();
    await second.getByRole('textbox', { name: 'Edit message' }).fill(`::rate 0\nGamma question ${tag}`);
    await second.getByRole('button', { name: 'Save and send' }).click();
    await expect(userMessages(page)).toHaveCount(2);
    await expect(userMessages(page).nth(1).getByTestId('message-text')).toContainText(
      `Gamma question ${tag}`,
    );
    const gammaAnswer = await finished(page);
    await expect(gammaAnswer.getByTestId('message-text')).toContainText(`Gamma question ${tag}`);
    await expect(position(userMessages(page).nth(1))).toHaveText('2 / 2');
    // The first question has one version: no switcher.
    await expect(userMessages(page).first().getByTestId('version-switcher')).toHaveCount(0);
    // The edit was answered from the path without the old question.
    expect(await lastRequestQuestions()).toEqual([`Alpha question ${tag}`, `Gamma question ${tag}`]);

    // Back to the first version: its question and its own answer.
    await userMessages(page).nth(1).getByRole('button', { name: 'Previous version' }).click();
    await expect(position(userMessages(page).nth(1))).toHaveText('1 / 2');
    await expect(userMessages(page).nth(1).getByTestId('message-text')).toContainText(`Beta question ${tag}`);
    await expect(assistantMessages(page).last().getByTestId('message-text')).toContainText(
      `Beta question ${tag}`,
    );
    await expect(userMessages(page).nth(1).getByRole('button', { name: 'Previous version' })).toBeDisabled();

    // And forth, and back again.
    await userMessages(page).nth(1).getByRole('button', { name: 'Next version' }).click();
    await expect(position(userMessages(page).nth(1))).toHaveText('2 / 2');
    await expect(userMessages(page).nth(1).getByTestId('message-text')).toContainText(
      `Gamma question ${tag}`,
    );
    await expect(userMessages(page).nth(1).getByRole('button', { name: 'Next version' })).toBeDisabled();
    await userMessages(page).nth(1).getByRole('button', { name: 'Previous version' }).click();
    await expect(position(userMessages(page).nth(1))).toHaveText('1 / 2');

    // The active branch is stored: a reload shows the first version.
    await page.reload();
    await expect(userMessages(page)).toHaveCount(2);
    await expect(userMessages(page).nth(1).getByTestId('message-text')).toContainText(`Beta question ${tag}`);
    await expect(position(userMessages(page).nth(1))).toHaveText('1 / 2');

    // The next question continues that branch, and GLM sees only it.
    await send(page, `::rate 0\nDelta question ${tag}`);
    await expect(userMessages(page)).toHaveCount(3);
    await expect(assistantMessages(page)).toHaveCount(3);
    await finished(page);
    expect(await lastRequestQuestions()).toEqual([
      `Alpha question ${tag}`,
      `Beta question ${tag}`,
      `Delta question ${tag}`,
    ]);

    // Switching to the edited version shows its latest path (which ends at its answer).
    await userMessages(page).nth(1).getByRole('button', { name: 'Next version' }).click();
    await expect(userMessages(page)).toHaveCount(2);
    await expect(userMessages(page).nth(1).getByTestId('message-text')).toContainText(
      `Gamma question ${tag}`,
    );
    // …and back: the first version's latest path includes the Delta turn.
    await userMessages(page).nth(1).getByRole('button', { name: 'Previous version' }).click();
    await expect(userMessages(page)).toHaveCount(3);
    await expect(userMessages(page).nth(2).getByTestId('message-text')).toContainText(
      `Delta question ${tag}`,
    );
  });

  test('editing the first message makes a new first version', async ({ page }) => {
    const tag = Date.now();
    await startConversation(page, `::rate 0\nOne ${tag}`);
    await finished(page);
    const first = userMessages(page).first();
    await first.getByRole('button', { name: 'Edit' }).click();
    await first.getByRole('textbox', { name: 'Edit message' }).fill(`::rate 0\nTwo ${tag}`);
    await first.getByRole('textbox', { name: 'Edit message' }).press('Enter');
    await finished(page);
    await expect(position(userMessages(page).first())).toHaveText('2 / 2');
    expect(await lastRequestQuestions()).toEqual([`Two ${tag}`]);
    await page.reload();
    await expect(position(userMessages(page).first())).toHaveText('2 / 2');
    await expect(userMessages(page).first().getByTestId('message-text')).toContainText(`Two ${tag}`);
  });

  test('the message editor keys like the composer: Shift+Enter breaks the line, Enter in an IME composition does not send, Enter sends', async ({
    page,
  }) => {
    const tag = Date.now();
    await startConversation(page, `::rate 0\nThree ${tag}`);
    await finished(page);
    const first = userMessages(page).first();
    await first.getByRole('button', { name: 'Edit' }).click();
    const editor = first.getByRole('textbox', { name: 'Edit message' });
    await editor.fill(`::rate 0\nFour ${tag}`);
    await editor.press('Shift+Enter');
    await expect(editor).toHaveValue(`::rate 0\nFour ${tag}\n`);

    // Chinese pinyin: Enter confirms the composition, and the editor stays open with the text.
    await confirmImeWithEnter(page, editor, 'ni', '你');
    await expect(editor).toHaveValue(/你/);
    await expect(position(first)).toHaveCount(0);

    await editor.press('Enter');
    await expect(first.getByRole('textbox', { name: 'Edit message' })).toHaveCount(0);
    await finished(page);
    await expect(position(userMessages(page).first())).toHaveText('2 / 2');
    await expect(userMessages(page).first().getByTestId('message-text')).toContainText('你');
  });

  test('regenerate twice gives three versions of the answer, 1 / 3 … 3 / 3', async ({ page }) => {
    await startConversation(page, `::rate 0\nTell me a fact ${Date.now()}`);
    const first = await finished(page);
    const ids = [await first.getAttribute('data-message-id')];
    for (const expected of ['2 / 3', '3 / 3']) {
      await assistantMessages(page).last().getByRole('button', { name: 'Regenerate' }).click();
      await expect(assistantMessages(page).last()).not.toHaveAttribute('data-message-id', ids.at(-1) ?? '');
      const answer = await finished(page);
      ids.push(await answer.getAttribute('data-message-id'));
      if (expected === '3 / 3') await expect(position(answer)).toHaveText('3 / 3');
      else await expect(position(answer)).toHaveText('2 / 2');
    }
    const answer = assistantMessages(page).last();
    await answer.getByRole('button', { name: 'Previous version' }).click();
    await expect(position(assistantMessages(page).last())).toHaveText('2 / 3');
    await expect(assistantMessages(page).last()).toHaveAttribute('data-message-id', ids[1] ?? '');
    await assistantMessages(page).last().getByRole('button', { name: 'Previous version' }).click();
    await expect(position(assistantMessages(page).last())).toHaveText('1 / 3');
    await expect(assistantMessages(page).last()).toHaveAttribute('data-message-id', ids[0] ?? '');
    await expect(
      assistantMessages(page).last().getByRole('button', { name: 'Previous version' }),
    ).toBeDisabled();
    await page.reload();
    await expect(position(assistantMessages(page).last())).toHaveText('1 / 3');
    await expect(assistantMessages(page).last()).toHaveAttribute('data-message-id', ids[0] ?? '');
  });

  test('versions cannot be switched while an answer is being written', async ({ page }) => {
    await startConversation(page, `::rate 0\nQuestion ${Date.now()}`);
    await finished(page);
    await assistantMessages(page).last().getByRole('button', { name: 'Regenerate' }).click();
    await finished(page);
    // A slow edit: while it streams, the answer switcher above it cannot be used, nor Edit.
    await send(page, '::rate 5\n::long 200\nA slow one');
    const streaming = assistantMessages(page).last();
    await expect(streaming).toHaveAttribute('data-status', 'streaming');
    const earlier = assistantMessages(page).first();
    await expect(position(earlier)).toHaveText('2 / 2');
    await expect(earlier.getByRole('button', { name: 'Previous version' })).toBeDisabled();
    await expect(userMessages(page).first().getByRole('button', { name: 'Edit' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(streaming).toHaveAttribute('data-status', 'stopped');
    await expect(earlier.getByRole('button', { name: 'Previous version' })).toBeEnabled();
    await expect(composer(page)).toBeEnabled();
  });
});
