import { expect, type Page, test } from '@playwright/test';
import { assistantMessages, startConversation } from './helpers';
import { seedConversations, uniqueWord } from './seed';

function searchBox(page: Page) {
  return page
    .getByRole('navigation', { name: 'Conversations' })
    .getByRole('searchbox', { name: 'Search conversations' });
}

function hits(page: Page) {
  return page.getByRole('navigation', { name: 'Conversations' }).getByTestId('search-hit');
}

const CHINESE_DIGITS = '零一二三四五六七八九';
/** A Chinese phrase no other test writes: a fixed phrase and this run's time in Chinese numerals. */
function chinesePhrase(): string {
  const digits = String(Date.now()).slice(-6);
  return `长城的历史${Array.from(digits, (d) => CHINESE_DIGITS[Number(d)]).join('')}`;
}

test.describe('search', () => {
  test('finds an English word and jumps to the message, highlighted', async ({ page }) => {
    const word = uniqueWord('xylo');
    const url = await startConversation(page, `::title-error\nWhat rhymes with ${word}?`);
    await expect(assistantMessages(page).last()).toHaveAttribute('data-status', 'complete');
    await page.getByRole('link', { name: 'New chat' }).click();
    await expect(page).toHaveURL(/\/$/);

    await searchBox(page).fill(word);
    await expect(hits(page).first()).toBeVisible();
    await expect(hits(page).first().locator('mark').first()).toHaveText(word);
    // The answer (newest) and the question both match; take the question.
    const question = hits(page).filter({ hasText: 'What rhymes' }).last();
    await question.click();
    await expect(page).toHaveURL(url);
    const article = page.locator('article[data-search-hit="true"]');
    await expect(article).toHaveAttribute('data-role', /user|assistant/);
    await expect(article).toBeInViewport();
    await expect(article).toContainText(word);
  });

  test('finds a Chinese phrase, and two-character words like 你好', async ({ page }) => {
    const phrase = chinesePhrase();
    await startConversation(page, `::title-error\n请介绍一下${phrase}和它的意义`);
    await expect(assistantMessages(page).last()).toHaveAttribute('data-status', 'complete');
    await startConversation(page, '::title-error\n你好，今天天气怎么样？');
    await expect(assistantMessages(page).last()).toHaveAttribute('data-status', 'complete');

    await searchBox(page).fill(phrase);
    await expect(hits(page).first().locator('mark').first()).toHaveText(phrase);
    await hits(page).first().click();
    await expect(page.locator('article[data-search-hit="true"]')).toContainText(phrase);

    await searchBox(page).fill('你好');
    await expect(hits(page).first().locator('mark').first()).toHaveText('你好');
  });

  test('a hit on another version of an answer opens that version', async ({ page }) => {
    const word = uniqueWord('pelican');
    const id = uniqueWord('branch_');
    const t = Date.now() - 60_000;
    seedConversations([
      {
        id,
        title: 'Birds, two answers',
        updatedAt: t + 3,
        activeLeafId: `${id}_b`,
        messages: [
          { id: `${id}_q`, parentId: null, role: 'user', text: 'Name a large water bird', createdAt: t },
          {
            id: `${id}_a`,
            parentId: `${id}_q`,
            role: 'assistant',
            text: `The ${word} has a big bill.`,
            createdAt: t + 1,
          },
          {
            id: `${id}_b`,
            parentId: `${id}_q`,
            role: 'assistant',
            text: 'The swan is elegant.',
            createdAt: t + 2,
          },
        ],
      },
    ]);
    await page.goto(`/c/${id}`);
    await expect(assistantMessages(page)).toContainText('The swan is elegant.');

    await searchBox(page).fill(word);
    await hits(page).first().click();
    await expect(page.locator('article[data-search-hit="true"]')).toContainText(
      `The ${word} has a big bill.`,
    );
    await expect(assistantMessages(page)).toHaveCount(1);
    // That version is now the active one: a reload keeps it.
    await expect(page).toHaveURL(new RegExp(`/c/${id}$`));
    await page.reload();
    await expect(assistantMessages(page)).toContainText(`The ${word} has a big bill.`);
  });

  test('filters, FTS syntax as text, and no deleted conversation', async ({ page }) => {
    const word = uniqueWord('zebra');
    const t = Date.now() - 120_000;
    const base = uniqueWord('filt_');
    seedConversations([
      { id: `${base}_pin`, title: `Pinned ${word}`, pinned: true, updatedAt: t },
      { id: `${base}_plain`, title: `Plain ${word}`, updatedAt: t + 1 },
    ]);
    await page.goto('/');
    await searchBox(page).fill(word);
    await expect(hits(page)).toHaveCount(2);
    await page.getByRole('button', { name: 'Pinned', pressed: false }).click();
    await expect(hits(page)).toHaveCount(1);
    await expect(hits(page).first()).toContainText(`Pinned ${word}`);
    await page.getByRole('button', { name: 'Pinned', pressed: true }).click();
    await expect(hits(page)).toHaveCount(2);

    for (const query of ['"', 'NEAR(', `${word} OR`, '*', 'col:x']) {
      await searchBox(page).fill(query);
      await expect(page.getByRole('navigation', { name: 'Conversations' }).getByRole('alert')).toHaveCount(0);
    }
    await searchBox(page).fill(`"${word}`);
    await expect(page.getByText(`No conversations match “"${word}”.`)).toBeVisible();

    const origin = new URL(page.url()).origin;
    const deleted = await page.request.delete(`/api/conversations/${base}_plain`, { headers: { origin } });
    expect(deleted.status()).toBe(200);
    await searchBox(page).fill(word);
    await expect(hits(page)).toHaveCount(1);
    await expect(hits(page).first()).toContainText(`Pinned ${word}`);
  });
});
