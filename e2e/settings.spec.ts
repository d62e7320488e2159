import { expect, type Page, test } from '@playwright/test';
import Database from 'better-sqlite3';
import {
  assistantMessages,
  chatRequests,
  databasePath,
  type RecordedRequest,
  send,
  startConversation,
  userMessages,
} from './helpers';

/** The last request GLM got whose last user message contains `marker`. */
async function requestFor(marker: string): Promise<RecordedRequest> {
  // Chat turns only: the title request after a first answer also carries the question.
  const requests = await chatRequests();
  const found = requests.findLast((r) => {
    const users = (r.body.messages ?? []).filter((m) => m.role === 'user');
    const last = users.at(-1);
    return typeof last?.content === 'string'
      ? last.content.includes(marker)
      : JSON.stringify(last?.content).includes(marker);
  });
  if (!found) throw new Error(`no request for ${marker}`);
  return found;
}

function settingsDialog(page: Page) {
  return page.getByRole('dialog', { name: 'Model settings' });
}

async function openSettings(page: Page) {
  await page.getByRole('button', { name: 'Model settings' }).click();
  await expect(settingsDialog(page)).toBeVisible();
  return settingsDialog(page);
}

async function saveSettings(page: Page) {
  await settingsDialog(page).getByRole('button', { name: 'Save', exact: true }).click();
  await expect(settingsDialog(page)).toBeHidden();
}

async function answered(page: Page) {
  await expect(assistantMessages(page).last()).toHaveAttribute('data-status', 'complete');
}

const APP_DEFAULTS = {
  systemPrompt: '',
  temperature: 1,
  topP: 0.95,
};

test.describe('model settings', () => {
  test.afterEach(async ({ page, baseURL }) => {
    // Whatever a test saved as "my defaults", the next spec starts from the app's.
    const response = await page.request.put('/api/settings/defaults', {
      headers: { origin: baseURL ?? '' },
      data: { settings: APP_DEFAULTS },
    });
    expect(response.status()).toBe(200);
  });

  test('settings are kept with the conversation and reach GLM under Z.ai’s names', async ({ page }) => {
    await page.goto('/');
    const dialog = await openSettings(page);
    await expect(dialog.getByLabel('Temperature', { exact: true })).toHaveValue('1');
    await expect(dialog.getByLabel('Top P', { exact: true })).toHaveValue('0.95');
    await dialog.getByLabel('System prompt').fill('Answer like a pirate.');
    await dialog.getByLabel('Temperature', { exact: true }).fill('0.4');
    await dialog.getByLabel('Top P', { exact: true }).fill('0.8');
    await dialog.getByLabel('Max completion tokens').fill('1000');
    await dialog.getByLabel('Seed').fill('7');
    await dialog.getByLabel('Frequency penalty').fill('0.5');
    await dialog.getByLabel('Presence penalty').fill('-0.5');
    await dialog.getByLabel('Stop sequences').fill('END');
    await saveSettings(page);

    await send(page, '::rate 0\nSettings on the wire one');
    await expect(page).toHaveURL(/\/c\/[A-Za-z0-9_-]+$/);
    await answered(page);
    const first = await requestFor('Settings on the wire one');
    expect(first.body).toMatchObject({
      temperature: 0.4,
      top_p: 0.8,
      max_tokens: 1000,
      seed: 7,
      frequency_penalty: 0.5,
      presence_penalty: -0.5,
      stop: ['END'],
      thinking: { type: 'enabled' },
    });
    expect(first.body.messages?.[0]).toEqual({ role: 'system', content: 'Answer like a pirate.' });

    // Kept with the conversation: after a reload the panel shows them and the next turn sends them.
    await page.reload();
    const again = await openSettings(page);
    await expect(again.getByLabel('Temperature', { exact: true })).toHaveValue('0.4');
    await expect(again.getByLabel('System prompt')).toHaveValue('Answer like a pirate.');
    await again.getByRole('button', { name: 'Close' }).click();
    // The Think switch is one of the settings: off, it is kept too.
    await page.getByRole('button', { name: 'Think' }).click();
    await expect(page.getByRole('button', { name: 'Think' })).toHaveAttribute('aria-pressed', 'false');
    await page.reload();
    await expect(page.getByRole('button', { name: 'Think' })).toHaveAttribute('aria-pressed', 'false');
    await send(page, '::rate 0\nSettings on the wire two');
    await expect(assistantMessages(page)).toHaveCount(2);
    await answered(page);
    const second = await requestFor('Settings on the wire two');
    expect(second.body).toMatchObject({ temperature: 0.4, top_p: 0.8, thinking: { type: 'disabled' } });
  });

  test('a wrong value is refused beside its field, and by the API with the field named', async ({
    page,
    baseURL,
  }) => {
    const url = await startConversation(page, '::rate 0\nValidation test');
    await answered(page);
    const dialog = await openSettings(page);
    await dialog.getByLabel('Temperature', { exact: true }).fill('3');
    await dialog.getByLabel('Choices (n)').fill('9');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('Temperature', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByText('Temperature must be between 0 and 2')).toBeVisible();
    await expect(dialog.getByText('Choices (n) must be between 1 and 8')).toBeVisible();
    await expect(dialog.getByLabel('Temperature', { exact: true })).toBeFocused();

    // A schema that is not JSON: the error says where.
    await dialog.getByLabel('Temperature', { exact: true }).fill('1');
    await dialog.getByLabel('Choices (n)').fill('1');
    await dialog.getByLabel('Response format').selectOption('json_schema');
    await dialog.getByLabel('JSON Schema').fill('{\n  "type": "object",\n  "properties": }');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(dialog.getByText(/Schema is not valid JSON: line 3, column 17/)).toBeVisible();
    await dialog.getByLabel('JSON Schema').fill('{"type": "object", "properties": {"a": {"type": "nope"}}}');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(dialog.getByText(/Schema is not a valid JSON Schema/)).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click();

    const id = new URL(url).pathname.split('/').at(-1) ?? '';
    const origin = baseURL ?? '';
    const put = await page.request.put(`/api/conversations/${id}/settings`, {
      headers: { origin },
      data: { settings: { topP: 1.5 } },
    });
    expect(put.status()).toBe(400);
    expect((await put.json()).error.message).toBe('Invalid settings.topP: Top P must be between 0 and 1');
    const badSchema = await page.request.put(`/api/conversations/${id}/settings`, {
      headers: { origin },
      data: {
        settings: {
          responseFormat: {
            type: 'json_schema',
            name: 'x',
            schema: { type: 'object', properties: { a: { type: 'nope' } } },
          },
        },
      },
    });
    expect(badSchema.status()).toBe(400);
    expect((await badSchema.json()).error.message).toMatch(
      /^Invalid settings\.responseFormat\.schema: Schema is not a valid JSON Schema: .*\/properties\/a\/type/,
    );
    const chat = await page.request.post('/api/chat', {
      headers: { origin },
      data: {
        id,
        message: { id: 'user-validation-0001', role: 'user', parts: [{ type: 'text', text: 'hi' }] },
        settings: { logitBias: { '42': 500 } },
      },
    });
    expect(chat.status()).toBe(400);
    expect((await chat.json()).error.message).toBe(
      'Invalid settings.logitBias.42: Logit bias must be between -100 and 100',
    );
  });

  test('a preset is saved, applied to a conversation, and made the default', async ({ page }) => {
    await startConversation(page, '::rate 0\nPreset test');
    await answered(page);
    let dialog = await openSettings(page);
    await dialog.getByLabel('System prompt').fill('You are precise.');
    await dialog.getByLabel('Temperature', { exact: true }).fill('0.2');
    await dialog.getByLabel('Preset name').fill('Precise');
    await dialog.getByRole('button', { name: 'Save as preset' }).click();
    await expect(dialog.getByText('Saved “Precise”.')).toBeVisible();
    // The conversation itself goes back to the app defaults…
    await dialog.getByRole('button', { name: 'Reset to defaults' }).click();
    await expect(dialog.getByLabel('Temperature', { exact: true })).toHaveValue('1');
    await saveSettings(page);

    // …and the preset is applied to it.
    dialog = await openSettings(page);
    await dialog.getByLabel('Preset', { exact: true }).selectOption({ label: 'Precise' });
    await dialog.getByRole('button', { name: 'Apply preset' }).click();
    await expect(dialog.getByText('Applied “Precise” to this conversation.')).toBeVisible();
    await expect(dialog.getByLabel('Temperature', { exact: true })).toHaveValue('0.2');
    await dialog.getByRole('button', { name: 'Set as default' }).click();
    await expect(dialog.getByText('New conversations start from “Precise”.')).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await send(page, '::rate 0\nPreset applied here');
    await expect(assistantMessages(page)).toHaveCount(2);
    await answered(page);
    const request = await requestFor('Preset applied here');
    expect(request.body.temperature).toBe(0.2);
    expect(request.body.messages?.[0]).toEqual({ role: 'system', content: 'You are precise.' });

    // A new conversation starts from the default preset.
    await page.goto('/');
    dialog = await openSettings(page);
    await expect(dialog.getByLabel('Temperature', { exact: true })).toHaveValue('0.2');
    await expect(dialog.getByLabel('System prompt')).toHaveValue('You are precise.');
    await expect(dialog.getByLabel('Preset', { exact: true })).toContainText('Precise (default)');

    // Rename and delete.
    await dialog.getByLabel('Preset name').fill('Exact');
    await dialog.getByRole('button', { name: 'Rename preset' }).click();
    await expect(dialog.getByText('Renamed to “Exact”.')).toBeVisible();
    await dialog.getByRole('button', { name: 'Delete preset' }).click();
    await expect(dialog.getByText('Deleted “Exact”.')).toBeVisible();
    await expect(dialog.getByLabel('Preset', { exact: true })).not.toContainText('Exact');
  });

  test('token probabilities: hovering or focusing a token shows its probability and alternatives', async ({
    page,
  }) => {
    await page.goto('/');
    const dialog = await openSettings(page);
    await dialog.getByLabel('Log probabilities').check();
    await dialog.getByLabel('Top logprobs').fill('3');
    await saveSettings(page);
    await send(page, '::rate 0\nLogprobs please');
    await answered(page);
    const request = await requestFor('Logprobs please');
    expect(request.body).toMatchObject({ logprobs: true, top_logprobs: 3 });

    const answer = assistantMessages(page).last();
    const toggle = answer.getByRole('button', { name: 'Show token probabilities' });
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    const tokens = answer.getByTestId('token');
    await expect(tokens.first()).toBeVisible();

    // Keyboard: focus shows the tooltip, tied to the token.
    await tokens.nth(2).focus();
    const tip = page.getByRole('tooltip');
    await expect(tip).toBeVisible();
    await expect(tip).toContainText('%');
    await expect(tip.locator('.font-mono')).toHaveCount(3);
    await expect(tokens.nth(2)).toHaveAttribute('aria-describedby', (await tip.getAttribute('id')) ?? 'x');
    await page.keyboard.press('Escape');
    await expect(tip).toBeHidden();

    // Mouse: hovering another token shows its own.
    await tokens.nth(5).hover();
    await expect(page.getByRole('tooltip')).toBeVisible();
    await expect(tokens.nth(5)).toHaveAttribute('aria-describedby', /tip/);

    // Still there after a reload (kept with the message).
    await page.reload();
    await expect(
      assistantMessages(page).last().getByRole('button', { name: 'Show token probabilities' }),
    ).toBeVisible();
  });

  test('n = 3: one request with n on the wire gives three versions of the answer', async ({ page }) => {
    await page.goto('/');
    const dialog = await openSettings(page);
    await dialog.getByLabel('Choices (n)').fill('3');
    await saveSettings(page);
    await send(page, '::rate 0\nThree versions please');
    await expect(page).toHaveURL(/\/c\/[A-Za-z0-9_-]+$/);
    await answered(page);
    const request = await requestFor('Three versions please');
    expect(request.body.n).toBe(3);
    // The streamed answer is choice 0 only (the other choices are not mixed into it).
    await expect(assistantMessages(page)).toHaveCount(1);
    await expect(assistantMessages(page).last()).not.toContainText('Version 2');
    const id = new URL(page.url()).pathname.split('/').at(-1);

    // The other two choices are stored as sibling versions (same question), complete.
    const db = new Database(databasePath('single-user'), { readonly: true });
    try {
      const read = () =>
        db
          .prepare(
            "SELECT parent_id AS parentId, status, content FROM messages WHERE conversation_id = ? AND role = 'assistant' ORDER BY created_at",
          )
          .all(id) as { parentId: string; status: string; content: string }[];
      // The server writes the answer and its versions in one transaction just after the stream ends.
      await expect.poll(() => read().length).toBe(3);
      const rows = read();
      expect(new Set(rows.map((r) => r.parentId)).size).toBe(1);
      expect(rows.map((r) => r.status)).toEqual(['complete', 'complete', 'complete']);
      expect(rows[1].content).toMatch(/^\*\*Version 2\.\*\*/);
      expect(rows[2].content).toMatch(/^\*\*Version 3\.\*\*/);
    } finally {
      db.close();
    }
    // After a reload the first version is still the one shown, and the switcher moves between the three.
    await page.reload();
    await expect(assistantMessages(page)).toHaveCount(1);
    const answer = assistantMessages(page).last();
    await expect(answer).not.toContainText('Version 2');
    await expect(answer.getByTestId('version-position')).toHaveText('1 / 3');
    await answer.getByRole('button', { name: 'Next version' }).click();
    await expect(assistantMessages(page).last().getByTestId('version-position')).toHaveText('2 / 3');
    await expect(assistantMessages(page).last()).toContainText('Version 2');
    await assistantMessages(page).last().getByRole('button', { name: 'Next version' }).click();
    await expect(assistantMessages(page).last().getByTestId('version-position')).toHaveText('3 / 3');
    await expect(assistantMessages(page).last()).toContainText('Version 3');
  });

  test('JSON answers: formatted, with a badge saying whether they are valid and match the schema', async ({
    page,
  }) => {
    await page.goto('/');
    let dialog = await openSettings(page);
    await dialog.getByLabel('Response format').selectOption('json_schema');
    await dialog.getByLabel('Schema name').fill('city');
    await dialog
      .getByLabel('JSON Schema')
      .fill(
        '{"type": "object", "properties": {"question": {"type": "string"}, "words": {"type": "integer"}}, "required": ["question", "words"]}',
      );
    await saveSettings(page);
    await send(page, '::rate 0\nWhich city?');
    await answered(page);
    // Z.ai takes json_object only: sent as that, with the schema checked here.
    const request = await requestFor('Which city?');
    expect(request.body.response_format).toEqual({ type: 'json_object' });
    const answer = assistantMessages(page).last();
    const badge = answer.getByTestId('json-badge');
    await expect(badge).toContainText('Valid JSON');
    await expect(badge).toContainText('Matches the schema');
    await expect(answer.locator('pre')).toContainText('"words": 2');
    await expect(answer.getByTestId('backend-warning')).toContainText('does not take json_schema');

    await send(page, '::rate 0\n::invalid-json\nBroken city?');
    // The thread is virtualised (older messages leave the DOM): wait on the newest question, not a count.
    await expect(userMessages(page).last()).toContainText('Broken city?');
    await expect(page.locator('article').last()).toHaveAttribute('data-role', 'assistant');
    await answered(page);
    await expect(assistantMessages(page).last().getByTestId('json-badge')).toContainText('Not valid JSON');
    await expect(assistantMessages(page).last().getByTestId('json-badge')).toContainText(
      'Does not match the schema',
    );

    // Back to text: a plain markdown answer, no badge.
    dialog = await openSettings(page);
    await dialog.getByLabel('Response format').selectOption('text');
    await saveSettings(page);
    await send(page, '::rate 0\nPlain again');
    await expect(userMessages(page).last()).toContainText('Plain again');
    await expect(page.locator('article').last()).toHaveAttribute('data-role', 'assistant');
    await answered(page);
    await expect(assistantMessages(page).last().getByTestId('json-badge')).toHaveCount(0);
  });

  test('the panel works at 360 px and by keyboard', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/');
    await page.getByRole('button', { name: 'Model settings' }).focus();
    await page.keyboard.press('Enter');
    const dialog = settingsDialog(page);
    await expect(dialog).toBeVisible();
    const box = await dialog.boundingBox();
    expect(box?.width).toBeLessThanOrEqual(360);
    await expect(dialog.getByRole('button', { name: 'Save', exact: true })).toBeInViewport();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });
});
