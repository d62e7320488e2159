import os from 'node:os';
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

export const SIMULATOR_URL = `http://127.0.0.1:${process.env.E2E_SIMULATOR_PORT ?? 4311}`;

export function composer(page: Page) {
  return page.getByRole('textbox', { name: 'Message' });
}

export function assistantMessages(page: Page) {
  return page.locator('article[data-role="assistant"]');
}

export function userMessages(page: Page) {
  return page.locator('article[data-role="user"]');
}

/** Types a message and sends it with Enter, as a person would. */
export async function send(page: Page, text: string) {
  const box = composer(page);
  await box.fill(text);
  await box.press('Enter');
}

/**
 * Chinese pinyin through an emulated input method in `box`: `pinyin` is composing when Enter
 * confirms the candidate (that Enter must not send), then `committed` replaces the composition.
 */
export async function confirmImeWithEnter(page: Page, box: Locator, pinyin: string, committed: string) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.imeSetComposition', {
    selectionStart: pinyin.length,
    selectionEnd: pinyin.length,
    text: pinyin,
  });
  await box.press('Enter');
  await cdp.send('Input.insertText', { text: committed });
}

/** Starts a new chat, sends `text`, and waits until the address is the conversation's. */
export async function startConversation(page: Page, text: string): Promise<string> {
  await page.goto('/');
  await send(page, text);
  await expect(page).toHaveURL(/\/c\/[A-Za-z0-9_-]+$/);
  return page.url();
}

export interface RecordedRequest {
  path: string;
  body: { messages?: Array<{ role: string; content: unknown }>; [key: string]: unknown };
}

export async function simulatorRequests(): Promise<RecordedRequest[]> {
  const response = await fetch(`${SIMULATOR_URL}/__simulator/requests`);
  return (await response.json()) as RecordedRequest[];
}

/**
 * Lets the answers held by `::hold` (before their first answer text) go on: a test checks what the
 * page shows in that phase first, however slowly the machine renders it.
 */
export async function releaseHeldAnswers(): Promise<number> {
  const response = await fetch(`${SIMULATOR_URL}/__simulator/release`, { method: 'POST' });
  return ((await response.json()) as { released: number }).released;
}

/** Holds (or stops holding) the title requests that follow first answers, until `releaseHeldAnswers`. */
export async function holdTitles(hold: boolean): Promise<void> {
  await fetch(`${SIMULATOR_URL}/__simulator/hold-titles`, { method: 'POST', body: JSON.stringify({ hold }) });
}

/** The app's request for a conversation's title (after its first answer; lib/chat/generated-title.ts). */
export function isTitleRequest(request: RecordedRequest): boolean {
  const first = request.body.messages?.[0];
  return first?.role === 'system' && String(first.content).startsWith('You name chat conversations.');
}

/** The chat turns' requests, without the title requests that follow a conversation's first answer. */
export async function chatRequests(): Promise<RecordedRequest[]> {
  return (await simulatorRequests()).filter((r) => !isTitleRequest(r));
}

/** The SQLite file of an app server of this run (`single-user` or `accounts`; playwright.config.ts). */
export function databasePath(server: 'single-user' | 'accounts'): string {
  const run = process.env.E2E_RUN_ID;
  if (!run) throw new Error('E2E_RUN_ID is not set: run the specs through playwright.config.ts');
  return path.join(os.tmpdir(), `glm-chat-e2e-${server}-${run}.db`);
}
