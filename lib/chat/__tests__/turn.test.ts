import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '@/db/__tests__/fixture';
import type { Db } from '@/db/client';
import { getThread, markStreamingInterrupted, saveUserTurn } from '@/db/queries/messages';
import { activeStreams } from '@/lib/chat/active-streams';
import { runTurn, stopTurn } from '@/lib/chat/turn';
import type { ChatUIMessage } from '@/lib/chat/types';
import { parseConfig } from '@/lib/config';
import { NotFoundError } from '@/lib/errors';
import { createGlm } from '@/lib/glm/provider';
import { createSimulator, type GlmSimulator } from '@/lib/glm/simulator';

const OWNER = 'owner-a';
let db: Db;
let cleanup: () => void;
let simulator: GlmSimulator;

beforeEach(() => {
  ({ db, cleanup } = freshDb({ owners: [OWNER, 'owner-b'], prefix: 'glm-chat-turn-' }));
});
afterEach(() => cleanup());

function glmWith(options: { tokensPerSecond: number; flavour?: 'zai' | 'vllm' }) {
  simulator = createSimulator({
    flavour: options.flavour ?? 'zai',
    tokensPerSecond: options.tokensPerSecond,
  });
  const config = parseConfig({ GLM_PROVIDER: 'simulator', SIMULATOR_FLAVOUR: options.flavour ?? 'zai' });
  return createGlm(config, { fetch: simulator.fetch });
}

function userMessage(text: string, id = `user-${Math.random().toString(36).slice(2, 12)}`): ChatUIMessage {
  return { id, role: 'user', parts: [{ type: 'text', text }] };
}

async function readAll(response: Response): Promise<string> {
  return await response.text();
}

describe('a turn', () => {
  it('saves the user message before GLM is called, streams, and stores the answer once complete', async () => {
    const glm = glmWith({ tokensPerSecond: 0 });
    const seenAtRequest: string[] = [];
    const original = simulator.fetch;
    const fetchSpy: typeof fetch = async (input, init) => {
      const thread = getThread(db, OWNER, 'conversation-1') ?? [];
      seenAtRequest.push(...thread.map((m) => `${m.role}:${m.metadata?.status}`));
      return original(input, init);
    };
    const config = parseConfig({ GLM_PROVIDER: 'simulator' });
    const spied = createGlm(config, { fetch: fetchSpy });
    expect(glm.isSimulator).toBe(true);

    const response = await runTurn({
      db,
      glm: spied,
      ownerId: OWNER,
      conversationId: 'conversation-1',
      ask: { kind: 'submit', message: userMessage('What is SQLite?') },
      maxRetries: 0,
    });
    const body = await readAll(response);
    expect(body).toContain('"type":"reasoning-delta"');
    expect(body).toContain('"type":"text-delta"');
    await activeStreams().get('conversation-1')?.done;

    expect(seenAtRequest).toEqual(['user:complete', 'assistant:streaming']);
    const thread = getThread(db, OWNER, 'conversation-1');
    expect(thread?.map((m) => m.role)).toEqual(['user', 'assistant']);
    const answer = thread?.[1];
    expect(answer?.metadata?.status).toBe('complete');
    expect(answer?.parts.map((p) => p.type)).toEqual(['step-start', 'reasoning', 'text']);
    expect(answer?.metadata?.usage?.outputTokens).toBeGreaterThan(0);
    expect(answer?.metadata?.usage?.reasoningTokens).toBeGreaterThan(0);
    expect(answer?.metadata?.finishReason).toBe('stop');
    expect(answer?.metadata?.reasoningDurations).toHaveLength(1);
  });

  it('keeps generating and saves the whole answer when the browser goes away', async () => {
    const glm = glmWith({ tokensPerSecond: 400 });
    const response = await runTurn({
      db,
      glm,
      ownerId: OWNER,
      conversationId: 'conversation-2',
      ask: { kind: 'submit', message: userMessage('::long 200\nTell me a story') },
      maxRetries: 0,
    });
    const reader = response.body?.getReader();
    await reader?.read();
    await reader?.cancel();
    await activeStreams().get('conversation-2')?.done;
    const answer = getThread(db, OWNER, 'conversation-2')?.[1];
    expect(answer?.metadata?.status).toBe('complete');
    const text = answer?.parts.find((p) => p.type === 'text');
    expect(text && 'text' in text ? text.text.length : 0).toBeGreaterThan(500);
  });

  it('Stop aborts GLM and saves exactly the partial answer as stopped', async () => {
    const glm = glmWith({ tokensPerSecond: 200 });
    const response = await runTurn({
      db,
      glm,
      ownerId: OWNER,
      conversationId: 'conversation-3',
      ask: { kind: 'submit', message: userMessage('::long 2000\nTell me a long story') },
      maxRetries: 0,
    });
    const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
    let received = '';
    while (!received.includes('"type":"text-delta"')) {
      const { value, done } = (await reader?.read()) ?? { done: true, value: undefined };
      if (done) break;
      received += value;
    }
    expect(await stopTurn(OWNER, 'conversation-3')).toBe(true);
    for (;;) {
      const { value, done } = (await reader?.read()) ?? { done: true, value: undefined };
      if (done) break;
      received += value;
    }
    expect(received).not.toContain('"type":"error"');
    expect(received).toContain('"status":"stopped"');
    const streamedText = received
      .split('\n')
      .filter((line) => line.startsWith('data: {'))
      .map((line) => JSON.parse(line.slice(6)) as { type: string; delta?: string })
      .filter((chunk) => chunk.type === 'text-delta')
      .map((chunk) => chunk.delta)
      .join('');

    const answer = getThread(db, OWNER, 'conversation-3')?.[1];
    expect(answer?.metadata?.status).toBe('stopped');
    const text = answer?.parts.find((p) => p.type === 'text');
    expect(text && 'text' in text ? text.text : '').toBe(streamedText);
    expect(streamedText.length).toBeGreaterThan(0);
  });

  it('writes a streaming answer at most about once a second, never per token', async () => {
    const glm = glmWith({ tokensPerSecond: 500 });
    // Writes of message rows, counted by temporary triggers (total_changes() would also count what
    // the full-text index and the title derive from them).
    db.$client.exec(`
      create temp table message_writes (n integer);
      create temp trigger count_message_inserts after insert on main.messages begin insert into message_writes values (1); end;
      create temp trigger count_message_updates after update on main.messages begin insert into message_writes values (1); end;
    `);
    const started = Date.now();
    const response = await runTurn({
      db,
      glm,
      ownerId: OWNER,
      conversationId: 'conversation-4',
      ask: { kind: 'submit', message: userMessage('::long 900\nA long answer please') },
      maxRetries: 0,
    });
    const body = await response.text();
    await activeStreams().get('conversation-4')?.done;
    const seconds = (Date.now() - started) / 1000;
    const tokens = body.split('"type":"text-delta"').length - 1;
    const changes = (db.$client.prepare('select count(*) as n from message_writes').get() as { n: number }).n;
    // The user and assistant rows, the checkpoints, and one final write.
    expect(tokens).toBeGreaterThan(500);
    expect(changes).toBeLessThanOrEqual(2 + Math.ceil(seconds) + 1);
    expect(seconds).toBeGreaterThan(1);
  });

  it('an upstream error ends the answer as error with a readable reason, keeping the user message', async () => {
    const glm = glmWith({ tokensPerSecond: 0 });
    const response = await runTurn({
      db,
      glm,
      ownerId: OWNER,
      conversationId: 'conversation-5',
      ask: { kind: 'submit', message: userMessage('::error 429\nAnyone there?') },
      maxRetries: 0,
    });
    const body = await response.text();
    expect(body).toContain('"type":"error"');
    await activeStreams().get('conversation-5')?.done;
    const thread = getThread(db, OWNER, 'conversation-5');
    expect(thread?.[0].parts).toEqual([{ type: 'text', text: '::error 429\nAnyone there?' }]);
    expect(thread?.[1].metadata?.status).toBe('error');
    expect(thread?.[1].metadata?.errorText).toMatch(/rate limited/);
  });

  it('after a crash, answers left streaming become interrupted and keep what was saved', () => {
    saveUserTurn(db, {
      ownerId: OWNER,
      conversationId: 'conversation-6',
      userMessage: userMessage('Hello'),
      assistantMessageId: 'assistant-crashed',
      assistantMetadata: { status: 'streaming' },
      title: 'Hello',
    });
    db.$client
      .prepare("update messages set parts = ? where id = 'assistant-crashed'")
      .run(JSON.stringify([{ type: 'text', text: 'Half an ans' }]));
    expect(markStreamingInterrupted(db)).toBe(1);
    const answer = getThread(db, OWNER, 'conversation-6')?.[1];
    expect(answer?.metadata?.status).toBe('interrupted');
    expect(answer?.parts).toEqual([{ type: 'text', text: 'Half an ans' }]);
    expect(markStreamingInterrupted(db)).toBe(0);
    expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it("never lets one owner read, write into or stop another owner's conversation", async () => {
    const glm = glmWith({ tokensPerSecond: 50 });
    const response = await runTurn({
      db,
      glm,
      ownerId: OWNER,
      conversationId: 'conversation-7',
      ask: { kind: 'submit', message: userMessage('::long 300\nMine') },
      maxRetries: 0,
    });
    expect(getThread(db, 'owner-b', 'conversation-7')).toBeUndefined();
    expect(await stopTurn('owner-b', 'conversation-7')).toBe(false);
    await expect(
      runTurn({
        db,
        glm,
        ownerId: 'owner-b',
        conversationId: 'conversation-7',
        ask: { kind: 'submit', message: userMessage('Theirs') },
        maxRetries: 0,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await stopTurn(OWNER, 'conversation-7')).toBe(true);
    await response.text();
    expect(getThread(db, OWNER, 'conversation-7')?.map((m) => m.role)).toEqual(['user', 'assistant']);
  });

  it('a dropped upstream connection ends the answer as error, keeping what arrived, in the browser and the row', async () => {
    const glm = glmWith({ tokensPerSecond: 0 });
    const response = await runTurn({
      db,
      glm,
      ownerId: OWNER,
      conversationId: 'conversation-8',
      ask: { kind: 'submit', message: userMessage('::drop\nHello') },
      maxRetries: 0,
    });
    const body = await response.text();
    expect(body).toContain('"type":"error"');
    expect(body).toContain('"status":"error"');
    await activeStreams().get('conversation-8')?.done;
    const answer = getThread(db, OWNER, 'conversation-8')?.[1];
    expect(answer?.metadata?.status).toBe('error');
    expect(answer?.metadata?.errorText).toMatch(/connection to the GLM server failed/);
    expect(answer?.parts.some((p) => p.type === 'text' && p.text.length > 0)).toBe(true);
  });
});
