import fs from 'node:fs';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import type { ExportedConversation, GlmChatExport } from '@/lib/transfer/format';
import { normaliseConversation } from '@/lib/transfer/normalise';
import { assistantMessages, send, startConversation, userMessages } from './helpers';

const CHATGPT_FIXTURE = path.join(__dirname, 'fixtures', 'chatgpt-conversations.json');

async function finished(page: Page) {
  const answer = assistantMessages(page).last();
  await expect(answer).toHaveAttribute('data-status', 'complete');
  return answer;
}

async function exportAll(page: Page): Promise<GlmChatExport> {
  const response = await page.request.get('/api/export?format=json');
  expect(response.ok()).toBe(true);
  return (await response.json()) as GlmChatExport;
}

async function download(page: Page, linkName: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: linkName }).click(),
  ]);
  const where = await file.path();
  return { name: file.suggestedFilename(), text: fs.readFileSync(where, 'utf8') };
}

async function importFile(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }) {
  await page.goto('/account');
  await page.getByLabel('Import conversations').setInputFiles(file);
}

test.describe('export and import', () => {
  // The thread is virtualised: a tall window keeps every message of these short threads rendered.
  test.use({ viewport: { width: 1280, height: 2400 } });
  test('a conversation exported as JSON and imported again is identical; Markdown reads well', async ({
    page,
  }) => {
    const tag = `Round trip ${Date.now()}`;
    const url = await startConversation(page, `::rate 0\n${tag}`);
    await finished(page);
    await assistantMessages(page).last().getByRole('button', { name: 'Regenerate' }).click();
    await expect(assistantMessages(page).last().getByTestId('version-position')).toHaveText('2 / 2');
    await finished(page);
    await send(page, '::rate 0\nA follow-up question');
    await expect(assistantMessages(page)).toHaveCount(2);
    await finished(page);
    const followUp = userMessages(page).nth(1);
    await followUp.getByRole('button', { name: 'Edit' }).click();
    await followUp.getByRole('textbox', { name: 'Edit message' }).fill('::rate 0\nThe follow-up, edited');
    await followUp.getByRole('button', { name: 'Save and send' }).click();
    await expect(userMessages(page).nth(1).getByTestId('version-position')).toHaveText('2 / 2');
    await finished(page);
    // Show the first version of the follow-up: the active branch is part of what must survive.
    await userMessages(page).nth(1).getByRole('button', { name: 'Previous version' }).click();
    await expect(userMessages(page).nth(1).getByTestId('version-position')).toHaveText('1 / 2');
    const originalId = url.split('/c/')[1] ?? '';

    // Markdown: title, roles and times, reasoning folded away.
    await page.getByRole('button', { name: 'Export' }).click();
    const markdown = await download(page, 'Markdown (.md)');
    expect(markdown.name).toMatch(/\.md$/);
    expect(markdown.text).toContain(`# ${tag}`);
    expect(markdown.text).toMatch(/## You · \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
    expect(markdown.text).toContain('## GLM · ');
    expect(markdown.text).toContain('<details>\n<summary>Reasoning</summary>');
    expect(markdown.text).toContain('A follow-up question');
    expect(markdown.text).not.toContain('The follow-up, edited');

    // JSON: every branch.
    await page.getByRole('button', { name: 'Export' }).click();
    const json = await download(page, 'JSON, every branch (.json)');
    const file = JSON.parse(json.text) as GlmChatExport;
    expect(file).toMatchObject({ format: 'glm-chat', version: 1 });
    expect(file.conversations).toHaveLength(1);
    expect(file.conversations[0]?.messages).toHaveLength(7);

    const existing = new Set((await exportAll(page)).conversations.map((c) => c.id));
    await importFile(page, { name: json.name, mimeType: 'application/json', buffer: Buffer.from(json.text) });
    await expect(page.getByRole('status')).toHaveText('Imported 1 conversation (7 messages) from GLM Chat.');

    const all = await exportAll(page);
    const original = all.conversations.find((c) => c.id === originalId) as ExportedConversation;
    const copies = all.conversations.filter((c) => !existing.has(c.id));
    expect(copies).toHaveLength(1);
    const copy = copies[0] as ExportedConversation;
    expect(normaliseConversation(copy)).toEqual(normaliseConversation(original));

    // The copy opens on the same branch, with the same versions.
    await page.goto(`/c/${copy.id}`);
    await expect(userMessages(page)).toHaveCount(2);
    await expect(userMessages(page).nth(1).getByTestId('message-text')).toContainText('A follow-up question');
    await expect(userMessages(page).nth(1).getByTestId('version-position')).toHaveText('1 / 2');
    await expect(assistantMessages(page).first().getByTestId('version-position')).toHaveText('2 / 2');
  });

  test('a ChatGPT export comes in with its branches, code, images and Chinese', async ({ page }) => {
    const before = (await exportAll(page)).conversations.length;
    await importFile(page, CHATGPT_FIXTURE);
    await expect(page.getByRole('status')).toHaveText('Imported 2 conversations (9 messages) from ChatGPT.');
    expect((await exportAll(page)).conversations.length).toBe(before + 2);
    const importedList = page.getByRole('list', { name: 'Imported conversations' });
    await expect(importedList.getByRole('link')).toHaveText(['Sorting dicts in Python', '图片里的文字']);
    const pictureHref =
      (await importedList.getByRole('link', { name: '图片里的文字' }).getAttribute('href')) ?? '';

    await importedList.getByRole('link', { name: 'Sorting dicts in Python' }).click();
    await expect(page).toHaveTitle(/Sorting dicts in Python/);
    await expect(userMessages(page)).toHaveCount(2);
    // ChatGPT's current node: the second answer to the edited question.
    const edited = userMessages(page).nth(1);
    await expect(edited.getByTestId('message-text')).toHaveText(
      'And how do I sort by two keys, age then name?',
    );
    await expect(edited.getByTestId('version-position')).toHaveText('2 / 2');
    await expect(assistantMessages(page).last().getByTestId('version-position')).toHaveText('2 / 2');
    await expect(assistantMessages(page).last().locator('pre').first()).toContainText('itemgetter');
    await expect(assistantMessages(page).first().locator('pre').first()).toContainText('sorted(people');
    // The question before the edit, with its own answer.
    await edited.getByRole('button', { name: 'Previous version' }).click();
    await expect(userMessages(page).nth(1).getByTestId('message-text')).toHaveText('And in reverse order?');
    await expect(assistantMessages(page).last().getByTestId('message-text')).toContainText('reverse=True');

    await page.goto(pictureHref);
    await expect(page).toHaveTitle(/图片里的文字/);
    await expect(userMessages(page).first().getByTestId('message-text')).toContainText(
      '这张图片里写的是什么？请翻译成英文。',
    );
    await expect(userMessages(page).first().getByTestId('message-text')).toContainText('[Image 800×600');
    const answer = assistantMessages(page).first();
    await expect(answer.getByTestId('reasoning')).toBeVisible();
    await expect(answer.locator('[data-testid="tool-call"][data-tool-name="python"]')).toHaveCount(1);
    await expect(answer.getByTestId('message-text').last()).toContainText('你好，世界');
  });

  test('a malformed file is refused with a clear message and nothing changes', async ({ page }) => {
    const before = (await exportAll(page)).conversations.length;
    await importFile(page, {
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({
          format: 'glm-chat',
          version: 1,
          conversations: [
            { id: 'a', title: 'ok', createdAt: 1, updatedAt: 1, messages: [] },
            { id: 'b', title: 'bad', createdAt: 1, updatedAt: 1, messages: [{ id: 'm', role: 'robot' }] },
          ],
        }),
      ),
    });
    const alert = page.getByRole('alert').and(page.locator('p'));
    await expect(alert).toContainText('conversations[1].messages[0]');
    await expect(alert).toContainText('Nothing was imported.');
    await importFile(page, {
      name: 'notes.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{ nope'),
    });
    await expect(alert).toHaveText('The file is not valid JSON.');
    expect((await exportAll(page)).conversations.length).toBe(before);
  });
});
