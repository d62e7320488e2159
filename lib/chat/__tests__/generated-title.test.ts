import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '@/db/__tests__/fixture';
import type { Db } from '@/db/client';
import { getConversation, updateConversation } from '@/db/queries/conversations';
import { getThread } from '@/db/queries/messages';
import {
  cleanTitle,
  subscribeToTitle,
  TITLE_INSTRUCTIONS_START,
  type TitleEvent,
} from '@/lib/chat/generated-title';
import { runTurn } from '@/lib/chat/turn';
import type { ChatUIMessage } from '@/lib/chat/types';
import { parseConfig } from '@/lib/config';
import { createGlm } from '@/lib/glm/provider';
import { createSimulator, type GlmSimulator } from '@/lib/glm/simulator';
import { TITLE_REQUEST_MARK } from '@/lib/glm/simulator/title';

const OWNER = 'owner-t';
let db: Db;
let cleanup: () => void;
let simulator: GlmSimulator;
let seq = 0;

beforeEach(() => {
  ({ db, cleanup } = freshDb({ owners: [OWNER], prefix: 'glm-chat-title-' }));
  simulator = createSimulator({ flavour: 'zai', tokensPerSecond: 0 });
});
afterEach(() => cleanup());

async function readEvents(stream: ReadableStream<TitleEvent> | undefined): Promise<TitleEvent[]> {
  if (!stream) throw new Error('no title job');
  const events: TitleEvent[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return events;
    events.push(value);
  }
}

const glm = () =>
  createGlm(parseConfig({ GLM_PROVIDER: 'simulator', SIMULATOR_FLAVOUR: 'zai' }), { fetch: simulator.fetch });

async function firstTurn(text: string): Promise<{ id: string; events: TitleEvent[] }> {
  seq++;
  const id = `conv-title-${seq}`;
  const message: ChatUIMessage = { id: `user-title-${seq}`, role: 'user', parts: [{ type: 'text', text }] };
  const response = await runTurn({
    db,
    glm: glm(),
    ownerId: OWNER,
    conversationId: id,
    ask: { kind: 'submit', message },
    maxRetries: 0,
  });
  const stream = subscribeToTitle(OWNER, id);
  await response.text();
  return { id, events: await readEvents(stream) };
}

describe('GLM titles', () => {
  it('after the first answer, GLM writes a short title with thinking off, streamed, then stored', async () => {
    const { id, events } = await firstTurn('How do I plan a picnic in the park?');
    const deltas = events.filter((e) => e.type === 'delta');
    expect(deltas.length).toBeGreaterThan(1);
    expect(events.at(-1)).toEqual({ type: 'done', title: 'Notes on How do I plan' });
    expect(getConversation(db, OWNER, id)).toMatchObject({
      title: 'Notes on How do I plan',
      titleSource: 'generated',
    });
    expect(getThread(db, OWNER, id)?.at(-1)?.metadata?.status).toBe('complete');

    const request = simulator.requests.at(-1)?.body as Record<string, unknown>;
    expect(request.thinking).toEqual({ type: 'disabled' });
    expect(request.max_tokens).toBe(24);
    expect(request.temperature).toBe(0.2);
  });

  it('a failing title call keeps the provisional title and the answer', async () => {
    const { id, events } = await firstTurn('::title-error\nWhat is a quasar?');
    expect(events).toEqual([{ type: 'done', title: '::title-error' }]);
    expect(getConversation(db, OWNER, id)?.titleSource).toBe('auto');
    expect(getThread(db, OWNER, id)?.at(-1)?.metadata?.status).toBe('complete');
  });

  it('a rename during the answer wins over the GLM title', async () => {
    seq++;
    const id = `conv-title-${seq}`;
    const message: ChatUIMessage = {
      id: `user-title-${seq}`,
      role: 'user',
      parts: [{ type: 'text', text: 'Tell me about owls' }],
    };
    const response = await runTurn({
      db,
      glm: glm(),
      ownerId: OWNER,
      conversationId: id,
      ask: { kind: 'submit', message },
      maxRetries: 0,
    });
    const stream = subscribeToTitle(OWNER, id);
    updateConversation(db, OWNER, id, { title: 'My owl notes' });
    await response.text();
    const events = await readEvents(stream);
    expect(events.at(-1)).toEqual({ type: 'done', title: 'My owl notes' });
    expect(getConversation(db, OWNER, id)).toMatchObject({ title: 'My owl notes', titleSource: 'user' });
  });

  it('is only asked once per conversation, and another owner cannot follow it', async () => {
    const { id } = await firstTurn('CJK: 请介绍一下长城的历史');
    expect(subscribeToTitle('someone-else', id)).toBeUndefined();
    const titleRequests = simulator.requests.filter((r) =>
      JSON.stringify((r.body as { messages?: unknown }).messages ?? '').includes(TITLE_REQUEST_MARK),
    );
    expect(titleRequests).toHaveLength(1);
  });

  it('the simulator recognises the app’s title requests', () => {
    expect(TITLE_INSTRUCTIONS_START).toBe(TITLE_REQUEST_MARK);
  });

  it('cleans what GLM writes into a title', () => {
    expect(cleanTitle('"Planning a Picnic."')).toBe('Planning a Picnic');
    expect(cleanTitle('Title: Owls at night\nextra')).toBe('Owls at night');
    expect(cleanTitle('「长城的历史」。')).toBe('长城的历史');
    expect(cleanTitle('one two three four five six seven eight')).toBe('one two three four five six');
    expect(cleanTitle('  \n ')).toBeUndefined();
  });
});
