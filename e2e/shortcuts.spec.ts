import { expect, type Page, test } from '@playwright/test';
import { assistantMessages, composer, send, startConversation } from './helpers';

function nav(page: Page) {
  return page.getByRole('navigation', { name: 'Conversations' });
}

function helpDialog(page: Page) {
  return page.getByRole('dialog', { name: 'Keyboard shortcuts' });
}

/** Focus on nothing in particular, as after clicking the page's background. */
async function blur(page: Page) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

/** Ctrl+K focuses the sidebar's search box. */
async function expectSearchFocused(page: Page) {
  await expect(nav(page).getByRole('searchbox', { name: 'Search conversations' })).toBeFocused();
}

test.describe('keyboard shortcuts (Ctrl on Linux and Windows)', () => {
  test('the help dialog lists every shortcut with Ctrl, from Ctrl+/ and from its button', async ({
    page,
  }) => {
    await page.goto('/');
    await composer(page).click();
    // A chord works while typing: that is what it is for.
    await page.keyboard.press('Control+/');
    const dialog = helpDialog(page);
    await expect(dialog).toBeVisible();
    for (const [name, keys] of [
      ['New chat', 'Ctrl+Shift+O'],
      ['Search conversations', 'Ctrl+K'],
      ['Focus the message box', 'Shift+Esc'],
      ['Stop the answer', 'Esc'],
      ['Copy the last answer', 'Ctrl+Shift+C'],
      ['Show or hide the sidebar', 'Ctrl+Shift+S'],
      ['Keyboard shortcuts (this list)', 'Ctrl+/'],
    ]) {
      const row = dialog.getByRole('row', { name: new RegExp(`^${name.replace(/[()]/g, '\\$&')}`) });
      await expect(row).toBeVisible();
      await expect(row.getByRole('cell')).toHaveText(keys);
    }
    await expect(dialog).not.toContainText('⌘');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
  });

  test('focus the message box, stop with Esc, copy the last answer, new chat', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const question = `Shortcut question ${Date.now()}`;
    await startConversation(page, `::rate 0\n${question}`);
    await expect(assistantMessages(page).last()).toHaveAttribute('data-status', 'complete');

    await blur(page);
    await page.keyboard.press('Shift+Escape');
    await expect(composer(page)).toBeFocused();

    await blur(page);
    await page.keyboard.press('Control+Shift+C');
    await expect(page.getByTestId('shortcut-notice')).toHaveText('Copied the last answer.');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain(question);

    // Esc in the message box stops the answer being written.
    await send(page, '::rate 5\n::long 400\nA slow answer');
    const slow = assistantMessages(page).last();
    await expect(slow).toHaveAttribute('data-status', 'streaming');
    await expect(composer(page)).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(slow).toHaveAttribute('data-status', 'stopped');

    // New chat, from inside the message box.
    await composer(page).fill('half-typed');
    await page.keyboard.press('Control+Shift+O');
    await expect(page).toHaveURL(/\/$/);
    await expect(assistantMessages(page)).toHaveCount(0);
  });

  test('Esc inside the message editor cancels the edit and stops nothing', async ({ page }) => {
    await startConversation(page, '::rate 0\nFirst');
    await expect(assistantMessages(page).last()).toHaveAttribute('data-status', 'complete');
    const first = page.locator('article[data-role="user"]').first();
    await first.getByRole('button', { name: 'Edit' }).click();
    await first.getByRole('textbox', { name: 'Edit message' }).press('Escape');
    await expect(first.getByRole('textbox', { name: 'Edit message' })).toHaveCount(0);
    await expect(assistantMessages(page).last()).toHaveAttribute('data-status', 'complete');
  });

  test('Ctrl+Shift+S hides and shows the sidebar; Ctrl+K goes to search', async ({ page }) => {
    await page.goto('/');
    await expect(nav(page)).toBeVisible();
    await page.keyboard.press('Control+Shift+S');
    await expect(nav(page)).toBeHidden();
    await expect(page.getByRole('button', { name: 'Open sidebar' })).toBeVisible();
    await page.keyboard.press('Control+Shift+S');
    await expect(nav(page)).toBeVisible();
    await blur(page);
    await page.keyboard.press('Control+K');
    await expectSearchFocused(page);
  });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('Ctrl+Shift+S opens and closes the drawer; Ctrl+K opens it at the search', async ({ page }) => {
    await page.goto('/');
    await expect(nav(page)).not.toBeInViewport();
    await page.keyboard.press('Control+Shift+S');
    await expect(nav(page)).toBeInViewport();
    await page.keyboard.press('Control+Shift+S');
    await expect(nav(page)).not.toBeInViewport();
    await page.keyboard.press('Control+K');
    await expect(nav(page)).toBeInViewport();
    await expectSearchFocused(page);
  });
});

test.describe('on macOS', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'platform', { get: () => 'MacIntel' });
      Object.defineProperty(Navigator.prototype, 'userAgentData', {
        get: () => ({ platform: 'macOS', mobile: false, brands: [] }),
      });
    });
  });

  test('⌘ takes Ctrl’s place, in the keys and in the help', async ({ page }) => {
    await page.goto('/');
    await blur(page);
    // Ctrl+/ is not the Mac chord.
    await page.keyboard.press('Control+/');
    await expect(helpDialog(page)).toBeHidden();
    await page.keyboard.press('Meta+/');
    const dialog = helpDialog(page);
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('row', { name: /^New chat/ }).getByRole('cell')).toHaveText('⌘⇧O');
    await expect(dialog.getByRole('row', { name: /^Search conversations/ }).getByRole('cell')).toHaveText(
      '⌘K',
    );
    await expect(dialog).not.toContainText('Ctrl');
    await page.keyboard.press('Escape');

    await send(page, '::rate 0\nA Mac question');
    await expect(page).toHaveURL(/\/c\//);
    await expect(assistantMessages(page).last()).toHaveAttribute('data-status', 'complete');
    await page.keyboard.press('Meta+Shift+O');
    await expect(page).toHaveURL(/\/$/);
  });
});

test.describe('in Japanese', () => {
  test.use({ locale: 'ja-JP' });

  test('the help is in Japanese and the shortcuts find the translated controls', async ({ page }) => {
    await page.goto('/');
    await page.keyboard.press('Control+/');
    const dialog = page.getByRole('dialog', { name: 'キーボードショートカット' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('row', { name: /^新しいチャット/ }).getByRole('cell')).toHaveText(
      'Ctrl+Shift+O',
    );
    await page.keyboard.press('Escape');

    await blur(page);
    await page.keyboard.press('Shift+Escape');
    const box = page.locator('textarea').first();
    await expect(box).toBeFocused();
    await box.fill('::rate 5\n::long 400\nゆっくり答えてください');
    await box.press('Enter');
    const answer = assistantMessages(page).last();
    await expect(answer).toHaveAttribute('data-status', 'streaming');
    await page.keyboard.press('Escape');
    await expect(answer).toHaveAttribute('data-status', 'stopped');
  });
});
