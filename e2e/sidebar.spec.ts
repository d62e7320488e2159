import { expect, type Page, test } from '@playwright/test';
import {
  assistantMessages,
  holdTitles,
  isTitleRequest,
  releaseHeldAnswers,
  send,
  simulatorRequests,
  startConversation,
} from './helpers';
import { seedConversations, uniqueWord } from './seed';

function sidebar(page: Page) {
  return page.getByRole('navigation', { name: 'Conversations' });
}

/** The sidebar row of a conversation, by its id. */
function row(page: Page, id: string) {
  return sidebar(page).locator(`li[data-conversation-id="${id}"]`);
}

const idOf = (url: string) => new URL(url).pathname.split('/').pop() ?? '';

async function openMenu(page: Page, id: string) {
  await row(page, id).hover();
  await row(page, id).getByRole('button', { name: 'Conversation actions' }).click();
  return page.getByRole('menu');
}

const DAY = 24 * 60 * 60 * 1000;

test.describe('sidebar', () => {
  test('a GLM title arrives in the sidebar after the first answer', async ({ page }) => {
    const question = `Plan a picnic by the lake ${uniqueWord('q')}`;
    // GLM's title waits until the provisional one has been seen (however slow the machine).
    await holdTitles(true);
    let url: string;
    try {
      url = await startConversation(page, question);
      // First the provisional title (the first line), then GLM's, written after the answer.
      await expect(row(page, idOf(url)).getByRole('link')).toHaveText(question);
      await expect(assistantMessages(page).last()).toHaveAttribute('data-status', 'complete');
      await expect.poll(releaseHeldAnswers).toBe(1);
    } finally {
      await holdTitles(false);
    }
    const link = row(page, idOf(url)).getByRole('link');
    // The title job's own stream ends with the stored title once GLM has written it: wait for that
    // state (however long a loaded machine takes), then the sidebar, which follows the same stream.
    const done = await page.request.get(`/api/conversations/${idOf(url)}/title`, { timeout: 60_000 });
    expect(await done.text()).toContain('"title":"Notes on Plan a picnic by"');
    await expect(link).toHaveText('Notes on Plan a picnic by');
    await page.reload();
    await expect(row(page, idOf(url)).getByRole('link')).toHaveText('Notes on Plan a picnic by');
    const titleRequest = (await simulatorRequests()).find(
      (r) => isTitleRequest(r) && JSON.stringify(r.body.messages).includes(question),
    );
    expect(titleRequest?.body).toMatchObject({ thinking: { type: 'disabled' }, max_tokens: 24 });
  });

  test('a rename made while GLM answers wins over the GLM title', async ({ page }) => {
    // Held after a few words, so the rename comes while GLM is still answering.
    const url = await startConversation(
      page,
      `::rate 20\n::hold-after 3\nTell me about owls ${uniqueWord('o')}`,
    );
    const id = idOf(url);
    await expect(assistantMessages(page).last()).toHaveAttribute('data-status', 'streaming');
    await row(page, id).getByRole('link').dblclick();
    const input = sidebar(page).getByRole('textbox', { name: 'Conversation title' });
    await input.fill('My owl notes');
    await input.press('Enter');
    await expect(row(page, id).getByRole('link')).toHaveText('My owl notes');
    await expect.poll(releaseHeldAnswers).toBe(1);
    await expect(assistantMessages(page).last()).toHaveAttribute('data-status', 'complete');
    // The title job ends (its stream answers `done` with the stored title) …
    const done = await page.request.get(`/api/conversations/${id}/title`);
    expect(await done.text()).toContain('"title":"My owl notes"');
    // … and the rename is what stays.
    await page.reload();
    await expect(row(page, id).getByRole('link')).toHaveText('My owl notes');
  });

  test('rename inline: Enter saves, Escape cancels, and the server checks the length', async ({ page }) => {
    const url = await startConversation(page, '::title-error\nA conversation to rename');
    const id = idOf(url);
    await expect(assistantMessages(page).last()).toHaveAttribute('data-status', 'complete');
    const menu = await openMenu(page, id);
    await menu.getByRole('menuitem', { name: 'Rename' }).click();
    const input = sidebar(page).getByRole('textbox', { name: 'Conversation title' });
    await expect(input).toBeFocused();
    await input.fill('Discarded title');
    await input.press('Escape');
    await expect(row(page, id).getByRole('link')).toHaveText('::title-error');

    await row(page, id).getByRole('link').dblclick();
    await input.fill('Renamed by me');
    await input.press('Enter');
    await expect(row(page, id).getByRole('link')).toHaveText('Renamed by me');
    await page.reload();
    await expect(row(page, id).getByRole('link')).toHaveText('Renamed by me');
    await expect(page).toHaveTitle(/^Renamed by me/);

    const origin = new URL(page.url()).origin;
    const tooLong = await page.request.patch(`/api/conversations/${id}`, {
      headers: { origin },
      data: { title: 'x'.repeat(121) },
    });
    expect(tooLong.status()).toBe(400);
    const empty = await page.request.patch(`/api/conversations/${id}`, {
      headers: { origin },
      data: { title: '  ' },
    });
    expect(empty.status()).toBe(400);
  });

  test('pin puts a conversation first under Pinned; unpin puts it back', async ({ page }) => {
    const first = await startConversation(page, '::title-error\nPin me please');
    await expect(assistantMessages(page).last()).toHaveAttribute('data-status', 'complete');
    await page.getByRole('link', { name: 'New chat' }).click();
    await expect(page).toHaveURL(/\/$/);
    await send(page, '::title-error\nA newer one');
    await expect(page).toHaveURL(/\/c\//);
    const id = idOf(first);
    await expect(sidebar(page).getByRole('listitem').first()).not.toHaveAttribute('data-conversation-id', id);

    await (await openMenu(page, id)).getByRole('menuitem', { name: 'Pin' }).click();
    await expect(sidebar(page).getByRole('listitem').first()).toHaveAttribute('data-conversation-id', id);
    await expect(sidebar(page).getByText('Pinned', { exact: true })).toBeVisible();
    await page.reload();
    await expect(sidebar(page).getByRole('listitem').first()).toHaveAttribute('data-conversation-id', id);

    await (await openMenu(page, id)).getByRole('menuitem', { name: 'Unpin' }).click();
    await expect(sidebar(page).getByRole('listitem').first()).not.toHaveAttribute('data-conversation-id', id);
  });

  test('archive moves a conversation to the archived view, and back', async ({ page }) => {
    const url = await startConversation(page, '::title-error\nArchive this one');
    const id = idOf(url);
    await expect(assistantMessages(page).last()).toHaveAttribute('data-status', 'complete');
    await (await openMenu(page, id)).getByRole('menuitem', { name: 'Archive' }).click();
    await expect(row(page, id)).toHaveCount(0);
    await page.reload();
    await expect(row(page, id)).toHaveCount(0);

    await sidebar(page).getByRole('button', { name: 'Archived' }).click();
    await expect(row(page, id)).toBeVisible();
    await (await openMenu(page, id)).getByRole('menuitem', { name: 'Unarchive' }).click();
    await expect(row(page, id)).toHaveCount(0);
    await sidebar(page).getByRole('button', { name: 'All conversations' }).click();
    await expect(row(page, id)).toBeVisible();
  });

  test('delete offers Undo; without it the conversation is gone, after a reload too', async ({ page }) => {
    const kept = idOf(await startConversation(page, '::title-error\nDelete then undo'));
    await expect(assistantMessages(page).last()).toHaveAttribute('data-status', 'complete');
    await (await openMenu(page, kept)).getByRole('menuitem', { name: 'Delete' }).click();
    await expect(row(page, kept)).toHaveCount(0);
    // The open conversation was deleted: a new chat.
    await expect(page).toHaveURL(/\/$/);
    await sidebar(page).getByRole('button', { name: 'Undo' }).click();
    await expect(row(page, kept)).toBeVisible();
    await page.reload();
    await expect(row(page, kept)).toBeVisible();

    const gone = idOf(await startConversation(page, '::title-error\nDelete for good'));
    await expect(assistantMessages(page).last()).toHaveAttribute('data-status', 'complete');
    await page.goto(`/c/${kept}`);
    await (await openMenu(page, gone)).getByRole('menuitem', { name: 'Delete' }).click();
    await expect(sidebar(page).getByRole('status')).toContainText('Conversation deleted.');
    await expect(row(page, gone)).toHaveCount(0);
    await page.reload();
    await expect(row(page, gone)).toHaveCount(0);
    expect((await page.goto(`/c/${gone}`))?.status()).toBe(404);
  });

  test('the row menu works from the keyboard', async ({ page }) => {
    const url = await startConversation(page, '::title-error\nKeyboard menu');
    const id = idOf(url);
    await expect(assistantMessages(page).last()).toHaveAttribute('data-status', 'complete');
    const button = row(page, id).getByRole('button', { name: 'Conversation actions' });
    await button.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu');
    await expect(menu.getByRole('menuitem', { name: 'Rename' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitem', { name: 'Pin' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
    await expect(button).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(sidebar(page).getByText('Pinned', { exact: true })).toBeVisible();
    await (await openMenu(page, id)).getByRole('menuitem', { name: 'Unpin' }).click();
  });

  test('hundreds of conversations: grouped by time, virtualised, the next pages load on scroll', async ({
    page,
  }) => {
    const tag = uniqueWord('bulk');
    const now = Date.now();
    const count = 400;
    // Older than every conversation the other tests make, spread over about a year.
    seedConversations(
      Array.from({ length: count }, (_, i) => ({
        id: `${tag}_${String(i).padStart(4, '0')}`,
        title: `Seeded ${tag} ${String(i).padStart(4, '0')}`,
        updatedAt: now - 2 * DAY - i * DAY,
      })),
    );
    await page.goto('/');
    const nav = sidebar(page);
    const scroller = nav.getByTestId('conversation-scroller');
    // The other tests' conversations (today) come first; the seeded ones below, from two days ago.
    await expect(nav.getByText('Today', { exact: true })).toBeVisible();
    const newest = nav.getByRole('link', { name: `Seeded ${tag} 0000` });
    await expect(async () => {
      if (!(await newest.isVisible())) {
        await scroller.evaluate((el) => {
          el.scrollTop += el.clientHeight / 2;
        });
      }
      await expect(newest).toBeVisible({ timeout: 500 });
    }).toPass({ timeout: 30_000 });
    await expect(nav.getByText('Previous 7 days', { exact: true })).toBeVisible();
    // Only the rows in view (and a margin) are in the page.
    expect(await nav.locator('li[data-conversation-id]').count()).toBeLessThan(100);

    const oldest = nav.getByRole('link', { name: `Seeded ${tag} 0399` });
    await expect(async () => {
      await scroller.evaluate((el) => {
        el.scrollTop = el.scrollHeight;
      });
      await expect(oldest).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    expect(await nav.locator('li[data-conversation-id]').count()).toBeLessThan(100);
    const loaded = Number(await nav.locator('ul[data-count]').getAttribute('data-count'));
    expect(loaded).toBeGreaterThanOrEqual(count);
  });
});
