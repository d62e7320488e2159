import { jsonSchema, tool } from 'ai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '@/db/__tests__/fixture';
import type { Db } from '@/db/client';
import { getThread } from '@/db/queries/messages';
import { insertImportedConversations } from '@/db/queries/transfer';
import { activeStreams } from '@/lib/chat/active-streams';
import { reserveTurn } from '@/lib/chat/limits';
import { runTurn, TURN_FAILED_TEXT } from '@/lib/chat/turn';
import type { ChatUIMessage } from '@/lib/chat/types';
import { parseConfig } from '@/lib/config';
import { createGlm } from '@/lib/glm/provider';
import { createSimulator } from '@/lib/glm/simulator';

const OWNER = 'owner-a';
const LIMITS = { messagesPerMinute: 100, concurrentStreams: 3 };
let db: Db;
let cleanup: () => void;
beforeEach(() => {
  ({ db, cleanup } = freshDb({ owners: [OWNER], prefix: 'glm-chat-turn-failure-' }));
});
afterEach(() => cleanup());

const glm = () =>
  createGlm(parseConfig({ GLM_PROVIDER: 'simulator' }), {
    fetch: createSimulator({ flavour: 'zai', tokensPerSecond: 0 }).fetch,
  });

/**
 * A tool whose output converter reads the output's `content` (as MCP tools do): an older import
 * stored its call with a plain string output, which makes the SDK's conversion throw.
 */
const lookup = tool({
  description: 'Looks an order up.',
  inputSchema: jsonSchema<{ order: string }>({ type: 'object', properties: { order: { type: 'string' } } }),
  execute: async () => ({ content: [{ type: 'text', text: 'shipped' }] }),
  toModelOutput: ({ output }) => {
    if (!('content' in (output as object))) return { type: 'json', value: null };
    return { type: 'text', value: 'shipped' };
  },
});

/** A conversation with a tool call whose stored output the SDK cannot convert back; returns its id. */
function importUnconvertible(): string {
  const t = 1_764_144_000_000;
  const ids = ['conversation-stuck-1', 'q-1-aaaaaaaa', 'a-1-aaaaaaaa'];
  let next = 0;
  insertImportedConversations(
    db,
    OWNER,
    [
      {
        id: 'c',
        title: 'Imported',
        pinned: false,
        archived: false,
        settings: {},
        activeLeafId: 'a',
        createdAt: t,
        updatedAt: t,
        messages: [
          {
            id: 'q',
            parentId: null,
            role: 'user',
            parts: [{ type: 'text', text: 'Where is A-1?' }],
            metadata: {},
            status: 'complete',
            createdAt: t,
            updatedAt: t,
          },
          {
            id: 'a',
            parentId: 'q',
            role: 'assistant',
            parts: [
              { type: 'step-start' },
              {
                type: 'tool-lookup',
                toolCallId: 'call-1',
                state: 'output-available',
                input: { order: 'A-1' },
                output: 'shipped',
              },
              { type: 'text', text: 'It shipped.' },
            ] as ChatUIMessage['parts'],
            metadata: {},
            status: 'complete',
            createdAt: t + 1,
            updatedAt: t + 1,
          },
        ],
      },
    ],
    () => ids[next++] ?? `id-${next}-aaaaaaaa`,
  );
  return ids[0];
}

const ask = (id: string, text: string) => ({
  kind: 'submit' as const,
  message: { id, role: 'user' as const, parts: [{ type: 'text' as const, text }] },
});

describe('a turn that fails after its answer is saved', () => {
  it('ends the answer as error with a reason, lets the conversation go, and releases its place', async () => {
    const conversationId = importUnconvertible();
    const reservation = reserveTurn(OWNER, conversationId, LIMITS);
    const failed = await runTurn({
      db,
      glm: glm(),
      ownerId: OWNER,
      conversationId,
      ask: ask('question-2-aaaa', 'And A-2?'),
      maxRetries: 0,
      tools: { lookup },
      reservation,
    });
    // The browser is told the same as the row: the answer failed, and why.
    const events = await failed.text();
    expect(events).toContain('"status":"error"');
    expect(events).toContain(`"errorText":"${TURN_FAILED_TEXT}"`);

    const thread = getThread(db, OWNER, conversationId) ?? [];
    expect(thread.map((m) => `${m.role}:${m.metadata?.status}`)).toEqual([
      'user:complete',
      'assistant:complete',
      'user:complete',
      'assistant:error',
    ]);
    expect(thread.at(-1)?.metadata?.errorText).toBe(TURN_FAILED_TEXT);
    // Nothing is left running: the next message is accepted, and its place can be taken again.
    expect(activeStreams().get(conversationId)).toBeUndefined();
    const again = reserveTurn(OWNER, conversationId, LIMITS);
    const response = await runTurn({
      db,
      glm: glm(),
      ownerId: OWNER,
      conversationId,
      ask: ask('question-3-aaaa', 'Never mind, hello.'),
      maxRetries: 0,
      tools: {},
      reservation: again,
    });
    expect(await response.text()).toContain('"status":"complete"');
    await activeStreams().get(conversationId)?.done;
    expect(getThread(db, OWNER, conversationId)?.at(-1)?.metadata?.status).toBe('complete');
    // The finished turn gave its place back.
    reserveTurn(OWNER, conversationId, LIMITS).release();
  });
});

describe('the caps on turns', () => {
  it('are reservations: a place is taken at once, so parallel sends cannot all slip past', () => {
    const limits = { messagesPerMinute: 100, concurrentStreams: 2 };
    const first = reserveTurn('owner-cap', 'cap-1', limits);
    const second = reserveTurn('owner-cap', 'cap-2', limits);
    expect(() => reserveTurn('owner-cap', 'cap-3', limits)).toThrow(/2 answers are already being written/);
    // One place per conversation, whatever the cap.
    second.release();
    expect(() => reserveTurn('owner-cap', 'cap-1', limits)).toThrow(/still being written/);
    const third = reserveTurn('owner-cap', 'cap-3', limits);
    // Releasing twice gives back one place only.
    first.release();
    first.release();
    const fourth = reserveTurn('owner-cap', 'cap-4', limits);
    expect(() => reserveTurn('owner-cap', 'cap-5', limits)).toThrow(/already being written/);
    third.release();
    fourth.release();
  });

  it('count messages per minute, and a refused send is not counted', () => {
    const limits = { messagesPerMinute: 2, concurrentStreams: 1 };
    const now = 1_000_000;
    reserveTurn('owner-rate', 'rate-1', limits, now).release();
    const held = reserveTurn('owner-rate', 'rate-2', limits, now);
    expect(() => reserveTurn('owner-rate', 'rate-3', limits, now)).toThrow(/already being written/);
    held.release();
    expect(() => reserveTurn('owner-rate', 'rate-3', limits, now + 1000)).toThrow(/at most 2 a minute/);
    reserveTurn('owner-rate', 'rate-3', limits, now + 61_000).release();
  });
});
