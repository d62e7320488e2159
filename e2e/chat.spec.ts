import { expect, test } from '@playwright/test';
import {
  assistantMessages,
  chatRequests,
  composer,
  confirmImeWithEnter,
  releaseHeldAnswers,
  send,
  startConversation,
  userMessages,
} from './helpers';

test.describe('a conversation with GLM', () => {
  test('reasoning streams first, then the answer; the address and sidebar follow at once', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(page.getByTestId('simulator-badge')).toHaveText('Simulator');
    const question = 'How do I reverse a list in TypeScript? (rate test)';
    // Held after the reasoning until this test has seen the reasoning phase (a slow machine may
    // render it late).
    await send(page, `::rate 25\n::hold\n${question}`);

    // The address is the conversation's as soon as the message is sent, not when the answer ends.
    await expect(page).toHaveURL(/\/c\/[A-Za-z0-9_-]+$/);
    const answer = assistantMessages(page).last();
    await expect(answer).toHaveAttribute('data-status', 'streaming');

    // Reasoning arrives first, open, with a live timer…
    const reasoning = answer.getByTestId('reasoning');
    await expect(reasoning).toBeVisible();
    await expect(reasoning.getByTestId('reasoning-label')).toHaveText(/^Thinking… \d+ s$/);
    await expect(reasoning).toHaveAttribute('data-state', 'open');
    await expect(answer.getByTestId('message-text')).toHaveCount(0);
    // (It reaches the hold once all its reasoning is written.)
    await expect.poll(releaseHeldAnswers).toBe(1);

    // …then the answer streams while the reasoning folds away and says how long it took.
    await expect(answer.getByTestId('message-text')).toBeVisible();
    await expect(reasoning).toHaveAttribute('data-state', 'closed');
    await expect(reasoning.getByTestId('reasoning-label')).toHaveText(/^Thought for \d+ s$/);
    await expect(answer).toHaveAttribute('data-status', 'complete');

    // Markdown is rendered: a heading, a list and a highlighted code block.
    await expect(answer.locator('h1, h2, h3').first()).toBeVisible();
    await expect(answer.locator('pre').first()).toBeVisible();
    await expect(answer.getByTestId('message-text')).toContainText(question);
  });

  test('a new conversation tops the sidebar at once, and New chat starts another', async ({ page }) => {
    const nav = page.getByRole('navigation', { name: 'Conversations' });
    const first = `Plan a picnic ${Date.now()}`;
    const firstUrl = await startConversation(page, first);
    await expect(nav.getByRole('listitem').first()).toHaveText(first);
    await expect(assistantMessages(page).last()).toHaveAttribute('data-status', 'complete');

    await nav.getByRole('link', { name: 'New chat' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(assistantMessages(page)).toHaveCount(0);
    const second = `Plan a hike ${Date.now()}`;
    await send(page, second);
    await expect(nav.getByRole('listitem').first()).toHaveText(second);
    // (its title may be GLM's by now: see e2e/sidebar.spec.ts)
    await expect(nav.getByRole('listitem').nth(1).getByRole('link')).toHaveAttribute(
      'href',
      new URL(firstUrl).pathname,
    );
    await expect(nav.getByRole('link', { name: second })).toHaveAttribute('aria-current', 'page');
  });

  test('after a reload both messages are there, as they were', async ({ page }) => {
    const url = await startConversation(page, '::rate 0\nWhat is the capital of France?');
    const answer = assistantMessages(page).last();
    await expect(answer).toHaveAttribute('data-status', 'complete');
    const answerText = (await answer.getByTestId('message-text').textContent()) ?? '';

    await page.reload();
    await expect(page).toHaveURL(url);
    await expect(userMessages(page)).toHaveCount(1);
    await expect(userMessages(page).first()).toContainText('What is the capital of France?');
    await expect(assistantMessages(page)).toHaveCount(1);
    await expect(assistantMessages(page).first()).toHaveAttribute('data-status', 'complete');
    await expect(assistantMessages(page).first().getByTestId('message-text')).toHaveText(answerText);
    await expect(assistantMessages(page).first().getByTestId('reasoning-label')).toHaveText(
      /^Thought for \d+ s$/,
    );
  });

  test('Stop keeps exactly the partial answer, also after a reload', async ({ page }) => {
    await startConversation(page, '::rate 20\n::long 600\nWrite a long essay about rivers.');
    const answer = assistantMessages(page).last();
    await expect(answer.getByTestId('message-text')).toContainText(/\w+ \w+ \w+/);
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(answer).toHaveAttribute('data-status', 'stopped');
    await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();

    // The same conversation loaded again (as after a reload) shows what was stored; the live page
    // shows the same text (once its last render has landed: a loaded machine paints it later).
    const again = await page.context().newPage();
    await again.goto(page.url());
    const stored = assistantMessages(again).last();
    await expect(stored).toHaveAttribute('data-status', 'stopped');
    await expect(stored).toContainText('Stopped');
    const kept = (await stored.getByTestId('message-text').textContent()) ?? '';
    expect(kept.length).toBeGreaterThan(0);
    await expect(answer.getByTestId('message-text')).toHaveText(kept);
    await again.close();
  });

  test('closing the page mid-answer loses nothing: the whole answer is there on return', async ({
    browser,
  }) => {
    const words = Array.from({ length: 60 }, (_, i) => `word${i + 1}`).join(' ');
    const context = await browser.newContext();
    const page = await context.newPage();
    const url = await startConversation(page, `::rate 20\n::echo\n${words}`);
    await expect(assistantMessages(page).last().getByTestId('message-text')).toContainText('word1');
    await page.close();

    const again = await context.newPage();
    await again.goto(url);
    const answer = assistantMessages(again).last();
    // The server kept writing while no one watched; the page follows it to the end.
    await expect(answer).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
    await expect(answer.getByTestId('message-text')).toHaveText(words);
    await context.close();
  });

  test('an upstream 429 shows a clear error and keeps the user message', async ({ page }) => {
    const url = await startConversation(page, '::error 429\nAre you there?');
    const answer = assistantMessages(page).last();
    await expect(answer).toHaveAttribute('data-status', 'error', { timeout: 30_000 });
    await expect(answer.getByRole('alert')).toContainText(/rate limited/i);
    await expect(userMessages(page).last()).toContainText('Are you there?');

    await page.reload();
    await expect(page).toHaveURL(url);
    await expect(userMessages(page).last()).toContainText('Are you there?');
    await expect(assistantMessages(page).last()).toHaveAttribute('data-status', 'error');
    await expect(assistantMessages(page).last().getByRole('alert')).toContainText(/rate limited/i);
  });

  test('multi-byte characters split across network writes arrive intact', async ({ page }) => {
    await startConversation(page, '::unicode\nSay hello in several languages');
    const answer = assistantMessages(page).last();
    await expect(answer).toHaveAttribute('data-status', 'complete');
    const text = (await answer.getByTestId('message-text').textContent()) ?? '';
    expect(text).toContain('你好，世界');
    expect(text).toContain('🌏');
    expect(text).toContain('مرحبا');
    expect(text).not.toContain('\uFFFD');
  });

  test('the thread is sent back to GLM with thinking on, and a reply continues the conversation', async ({
    page,
  }) => {
    await startConversation(page, '::rate 0\nFirst question');
    await expect(assistantMessages(page).last()).toHaveAttribute('data-status', 'complete');
    await send(page, '::rate 0\nSecond question');
    await expect(assistantMessages(page)).toHaveCount(2);
    await expect(assistantMessages(page).last()).toHaveAttribute('data-status', 'complete');

    const requests = await chatRequests();
    const last = requests.at(-1);
    expect(last?.path).toMatch(/\/chat\/completions$/);
    const roles = (last?.body.messages ?? []).map((m) => m.role);
    expect(roles).toEqual(['user', 'assistant', 'user']);
    expect(last?.body.thinking).toEqual({ type: 'enabled' });
    expect(last?.body.stream).toBe(true);
    expect(last?.body.stream_options).toEqual({ include_usage: true });
  });
});

test.describe('the composer', () => {
  test('Shift+Enter breaks the line, Enter sends, and Enter inside an IME composition does not send', async ({
    page,
  }) => {
    await page.goto('/');
    const box = composer(page);
    await box.click();
    await box.pressSequentially('line one');
    await box.press('Shift+Enter');
    await box.pressSequentially('line two');
    await expect(box).toHaveValue('line one\nline two');

    // Chinese pinyin input: Enter confirms the composition and must not send.
    await box.fill('');
    await confirmImeWithEnter(page, box, 'ni', '你');
    await expect(box).toHaveValue(/你/);
    await expect(userMessages(page)).toHaveCount(0);
    await expect(page).toHaveURL(/\/$/);

    await box.press('Enter');
    await expect(userMessages(page)).toHaveCount(1);
    await expect(userMessages(page).first()).toContainText('你');
  });

  test('model output cannot run script or load external images', async ({ page }) => {
    let dialogs = 0;
    page.on('dialog', async (dialog) => {
      dialogs += 1;
      await dialog.dismiss();
    });
    const external: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('http://127.0.0.1')) external.push(request.url());
    });
    await startConversation(
      page,
      '::echo\n<img src="https://tracker.example/x.png" onerror="alert(1)"> [click](javascript:alert(2)) ![pixel](https://tracker.example/p.png) <script>alert(3)</script>',
    );
    const answer = assistantMessages(page).last();
    await expect(answer).toHaveAttribute('data-status', 'complete');
    await expect(answer.locator('img')).toHaveCount(0);
    await expect(answer.locator('script')).toHaveCount(0);
    await expect(answer.locator('[onerror]')).toHaveCount(0);
    await expect(answer.locator('a[href^="javascript:"]')).toHaveCount(0);
    expect(dialogs).toBe(0);
    expect(external).toEqual([]);
  });
});

test.describe('the chat API', () => {
  test('bad input gets a 400 with a code and a readable message, never a stack trace', async ({
    request,
  }) => {
    const notJson = await request.post('/api/chat', {
      data: 'not json',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.status()).toBe(400);
    expect((await notJson.json()).error.code).toBe('invalid_request');

    const empty = await request.post('/api/chat', {
      data: {
        id: 'conversation-1',
        message: { id: 'message-1', role: 'user', parts: [{ type: 'text', text: '  ' }] },
      },
    });
    expect(empty.status()).toBe(400);
    const body = await empty.json();
    expect(body.error.message).toMatch(/message\.parts/);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.js:\d+/);

    const unknown = await request.get('/api/conversations/does-not-exist');
    expect(unknown.status()).toBe(404);
    expect((await unknown.json()).error.code).toBe('not_found');
  });

  test('an unknown conversation page is a 404', async ({ page }) => {
    const response = await page.goto('/c/no-such-conversation');
    expect(response?.status()).toBe(404);
  });
});
