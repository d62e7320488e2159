import { expect, test } from '@playwright/test';
import { assistantMessages, send } from './helpers';

// The page's first load leaves out the chat runtime, the markdown renderer and the settings dialog
// (they load after the page is interactive: ARCHITECTURE.md, "The browser"). What a reader notices
// must not change: answers arrive formatted, and every control works from the first moment.

const uniqueId = (prefix: string) =>
  `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/** A conversation with one question and its answer, made through the API (no page involved). */
async function storedConversation(request: import('@playwright/test').APIRequestContext): Promise<string> {
  const id = uniqueId('firstload');
  const response = await request.post('/api/chat', {
    data: {
      id,
      trigger: 'submit-message',
      message: {
        id: uniqueId('msg'),
        role: 'user',
        parts: [{ type: 'text', text: '::rate 0\nWhat is the capital of France?' }],
      },
    },
  });
  expect(response.ok()).toBe(true);
  await response.text();
  return id;
}

test.describe('first load', () => {
  test('a stored answer is in the page’s HTML already formatted by the server', async ({ request }) => {
    const id = await storedConversation(request);
    const html = await (await request.get(`/c/${id}`)).text();
    expect(html).toMatch(/<h2[^>]*>What is the capital of France\?<\/h2>/);
    expect(html).toContain('data-streamdown="code-block"');
    expect(html).toContain('data-streamdown="table"');
  });

  test('opened afresh: the settings button opens its dialog at the first click, and a message sent at once is answered, formatted', async ({
    page,
    request,
  }) => {
    const id = await storedConversation(request);
    await page.goto(`/c/${id}`);
    const settingsButton = page.getByRole('button', { name: 'Model settings' });
    await settingsButton.click();
    await expect(page.getByRole('dialog', { name: 'Model settings' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: 'Model settings' })).toBeHidden();
    await expect(settingsButton).toBeFocused();

    await send(page, '::rate 0\nName a colour');
    const answer = assistantMessages(page).last();
    await expect(answer).toHaveAttribute('data-status', 'complete');
    await expect(answer.getByRole('heading', { name: 'Name a colour' })).toBeVisible();
    await expect(answer.locator('[data-streamdown="code-block"]')).toHaveCount(1);
  });
});
