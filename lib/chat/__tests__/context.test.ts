import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '@/db/__tests__/fixture';
import type { Db } from '@/db/client';
import { getConversationContext } from '@/db/queries/context';
import { getThread } from '@/db/queries/messages';
import { conversationUsage, dailyUsage, dailyUsageAllUsers } from '@/db/queries/usage';
import { conversations, user } from '@/db/schema';
import { activeStreams } from '@/lib/chat/active-streams';
import { completionReserve, messagesForModel, planCut, summaryInstruction } from '@/lib/chat/context';
import { changeContext } from '@/lib/chat/context-service';
import { runTurn } from '@/lib/chat/turn';
import type { ChatUIMessage } from '@/lib/chat/types';
import { type AppConfig, parseConfig } from '@/lib/config';
import { createGlm, type Glm } from '@/lib/glm/provider';
import { createSimulator, type GlmSimulator } from '@/lib/glm/simulator';
import { TITLE_REQUEST_MARK } from '@/lib/glm/simulator/title';
import { SIMULATOR_FLAVOURS, type SimulatorFlavour } from '@/lib/glm/simulator/types';
import { costOf } from '@/lib/usage/cost';
import { usageSince } from '@/lib/usage/range';

const OWNER = 'owner-a';
const OTHER = 'owner-b';
const CONVERSATION = 'conversation-ctx';
let db: Db;
let cleanup: () => void;
let simulator: GlmSimulator;
let glm: Glm;
let config: AppConfig;

function setUp(flavour: SimulatorFlavour = 'zai', env: Record<string, string> = {}) {
  simulator = createSimulator({ flavour, tokensPerSecond: 0 });
  config = parseConfig({ GLM_PROVIDER: 'simulator', SIMULATOR_FLAVOUR: flavour, ...env });
  glm = createGlm(config, { fetch: simulator.fetch });
}

beforeEach(() => {
  ({ db, cleanup } = freshDb({ owners: [OWNER, OTHER], prefix: 'glm-chat-context-' }));
  setUp();
});
afterEach(() => cleanup());

let counter = 0;
async function turn(text: string, ownerId = OWNER, conversationId = CONVERSATION): Promise<void> {
  counter++;
  const response = await runTurn({
    db,
    glm,
    ownerId,
    conversationId,
    ask: {
      kind: 'submit',
      message: { id: `user-msg-${counter}`, role: 'user', parts: [{ type: 'text', text }] },
    },
    maxRetries: 0,
    price: config.pricing,
  });
  await response.text();
  await activeStreams().get(conversationId)?.done;
}

/** A conversation's title request (after its first answer) is not a chat turn. */
const isTitleRequest = (r: { body: unknown }) =>
  JSON.stringify((r.body as { messages?: unknown[] })?.messages?.[0] ?? '').includes(TITLE_REQUEST_MARK);
const chatTurns = () =>
  simulator.requests.filter((r) => r.path.endsWith('/chat/completions') && !isTitleRequest(r));

function lastChatBody(): { messages: Array<{ role: string; content: unknown }>; [key: string]: unknown } {
  const chats = chatTurns();
  return chats.at(-1)?.body as { messages: Array<{ role: string; content: unknown }> };
}

const sentText = () => JSON.stringify(lastChatBody().messages);

describe('usage', () => {
  it('stores each answer’s usage with its prices; totals equal the arithmetic on what GLM sent', async () => {
    await turn('First question about SQLite');
    await turn('Second question about WAL');
    const sent = chatTurns()
      .map((r) => r.usage)
      .filter((u) => u !== undefined);
    expect(sent).toHaveLength(2);
    let expected = 0n;
    for (const u of sent) {
      const usage = u as {
        prompt_tokens: number;
        completion_tokens: number;
        prompt_tokens_details: { cached_tokens: number };
      };
      expect(usage.prompt_tokens_details.cached_tokens).toBeGreaterThan(0);
      expected += costOf(
        {
          inputTokens: usage.prompt_tokens,
          outputTokens: usage.completion_tokens,
          cachedInputTokens: usage.prompt_tokens_details.cached_tokens,
        },
        config.pricing,
      ).pico;
    }
    const totals = conversationUsage(db, OWNER, CONVERSATION);
    expect(totals.messages).toBe(2);
    expect(BigInt(totals.costPico)).toBe(expected);
    // The answer carries the same usage and the price snapshot for display.
    const answer = getThread(db, OWNER, CONVERSATION)?.at(-1);
    expect(answer?.metadata?.price).toEqual(config.pricing);
    expect(answer?.metadata?.usage?.inputTokens).toBe((sent[1] as { prompt_tokens: number }).prompt_tokens);
    expect(answer?.metadata?.contextTokens).toBe((sent[1] as { total_tokens: number }).total_tokens);
    // Owner-scoped: the other user sees nothing.
    expect(conversationUsage(db, OTHER, CONVERSATION).messages).toBe(0);
  });

  it('a tool loop’s usage is the sum of its steps; the context fill is its last step', async () => {
    setUp('vllm');
    await turn('::tool calculator {"expression":"2+2"}\nWhat is 2+2?');
    const steps = chatTurns()
      .map(
        (r) =>
          r.usage as { prompt_tokens: number; completion_tokens: number; total_tokens: number } | undefined,
      )
      .filter((u) => u !== undefined);
    expect(steps.length).toBeGreaterThanOrEqual(1);
    const answer = getThread(db, OWNER, CONVERSATION)?.at(-1);
    expect(answer?.metadata?.usage?.inputTokens).toBe(steps.reduce((s, u) => s + u.prompt_tokens, 0));
    expect(answer?.metadata?.usage?.outputTokens).toBe(steps.reduce((s, u) => s + u.completion_tokens, 0));
    expect(answer?.metadata?.contextTokens).toBe(steps.at(-1)?.total_tokens);
  });

  it('aggregates per day in SQL, per owner, and for admins per user', async () => {
    await turn('Question one');
    await turn('Question two');
    await turn('Someone else’s question', OTHER, 'conversation-other');
    const since = usageSince(30, 0);
    const mine = dailyUsage(db, OWNER, since, 0);
    expect(mine).toHaveLength(1);
    expect(mine[0].day).toBe(new Date().toISOString().slice(0, 10));
    expect(mine[0].messages).toBe(2);
    expect(BigInt(mine[0].costPico)).toBe(BigInt(conversationUsage(db, OWNER, CONVERSATION).costPico));
    const all = dailyUsageAllUsers(db, since, 0);
    expect(all.map((r) => [r.userId, r.messages]).sort()).toEqual([
      [OWNER, 2],
      [OTHER, 1],
    ]);
    // Nothing before the range.
    expect(dailyUsage(db, OWNER, Date.now() + 60_000, 0)).toEqual([]);
    // Spend history outlives a deleted conversation, not a deleted account.
    db.delete(conversations).where(eq(conversations.id, CONVERSATION)).run();
    expect(dailyUsage(db, OWNER, since, 0)[0].messages).toBe(2);
    db.delete(user).where(eq(user.id, OTHER)).run();
    expect(dailyUsageAllUsers(db, since, 0).map((r) => r.userId)).toEqual([OWNER]);
  });
});

describe('the context cut', () => {
  const msg = (id: string, role: 'user' | 'assistant', chars: number): ChatUIMessage => ({
    id,
    role,
    parts: [{ type: 'text', text: 'x'.repeat(chars) }],
  });

  it('cuts at a user message, drops as little as fits, and always keeps the last turn', () => {
    // Each message ≈ 4 + 100 tokens.
    const thread = ['u1', 'a1', 'u2', 'a2', 'u3', 'a3'].map((id) =>
      msg(id, id[0] === 'u' ? 'user' : 'assistant', 350),
    );
    // Dropping the first turn is enough: 4 × 104 + 50 + 50 = 516 ≤ 520.
    const fit = planCut(thread, { window: 520, reserve: 50, draftTokens: 50, mode: 'drop', context: null });
    expect(fit).toEqual({ startIndex: 2, keptTokens: 4 * 104, fits: true });
    const tight = planCut(thread, { window: 310, reserve: 50, draftTokens: 50, mode: 'drop', context: null });
    expect(tight).toEqual({ startIndex: 4, keptTokens: 208, fits: true });
    const none = planCut(thread, { window: 100, reserve: 50, draftTokens: 50, mode: 'drop', context: null });
    expect(none).toEqual({ startIndex: 4, keptTokens: 208, fits: false });
    // An existing cut: the next one drops more.
    const again = planCut(thread, {
      window: 10_000,
      reserve: 0,
      draftTokens: 0,
      mode: 'drop',
      context: { startMessageId: 'u2', mode: 'drop', createdAt: 1, estimatedTokens: 0 },
    });
    expect(again.startIndex).toBe(4);
    expect(() =>
      planCut(thread.slice(0, 2), { window: 10, reserve: 0, draftTokens: 0, mode: 'drop', context: null }),
    ).toThrow(/no earlier turns/);
  });

  it('sends the summary first and nothing before the start; a start on another branch sends everything', () => {
    const thread = [msg('u1', 'user', 10), msg('a1', 'assistant', 10), msg('u2', 'user', 10)];
    const summary = { text: 'They talked about X.', createdAt: 1, replacedMessages: 2 };
    const sent = messagesForModel(thread, {
      startMessageId: 'u2',
      mode: 'compact',
      summary,
      createdAt: 1,
      estimatedTokens: 0,
    });
    expect(sent.map((m) => m.role)).toEqual(['user', 'user']);
    expect(JSON.stringify(sent[0].parts)).toContain('They talked about X.');
    expect(
      messagesForModel(thread, {
        startMessageId: 'elsewhere',
        mode: 'drop',
        createdAt: 1,
        estimatedTokens: 0,
      }),
    ).toBe(thread);
  });

  it('keeps the conversation’s max completion tokens free for the answer, else the configured reserve', () => {
    expect(completionReserve({}, 8192)).toBe(8192);
    expect(completionReserve({ model: { maxCompletionTokens: 2048 } }, 8192)).toBe(2048);
    expect(completionReserve({ model: { maxCompletionTokens: null } }, 8192)).toBe(8192);
    expect(completionReserve({ max_completion_tokens: 1000 }, 8192)).toBe(1000);
    expect(completionReserve({ max_completion_tokens: 'lots' }, 8192)).toBe(8192);
    // Never more than half the window: a maximum as large as the window would leave no room to keep.
    expect(completionReserve({ model: { maxCompletionTokens: 131_072 } }, 8192, 131_072)).toBe(65_536);
  });

  it('asks for the summary in the conversation’s language', () => {
    expect(summaryInstruction('What is SQLite?')).toMatch(/language of the conversation/);
    expect(summaryInstruction('東京で一番おいしいラーメンはどこですか')).toMatch(/in Japanese/);
    expect(summaryInstruction('数据库索引是什么？')).toMatch(/in Chinese/);
  });
});

describe('drop and compact on a real database', () => {
  beforeEach(() => {
    setUp('zai', { GLM_CONTEXT_WINDOW: '700', GLM_CONTEXT_RESERVE_TOKENS: '100' });
  });

  const long = (tag: string) => `${tag} ${'lorem ipsum dolor sit amet '.repeat(30)}`;

  it('drop: the next request starts after the cut, and the cut survives a reload', async () => {
    await turn(long('OLDEST-TURN'));
    await turn(long('MIDDLE-TURN'));
    const result = await changeContext({
      db,
      glm,
      config,
      ownerId: OWNER,
      conversationId: CONVERSATION,
      action: { action: 'drop', draftTokens: 100 },
    });
    expect(result.context?.mode).toBe('drop');
    const stored = getConversationContext(db, OWNER, CONVERSATION);
    expect(stored?.startMessageId).toBe(result.context?.startMessageId);
    await turn('NEWEST question');
    expect(sentText()).not.toContain('OLDEST-TURN');
    expect(sentText()).toContain('NEWEST question');
    // Another owner can neither read nor change it.
    expect(() => getConversationContext(db, OTHER, CONVERSATION)).toThrow(/not found/i);
    await expect(
      changeContext({
        db,
        glm,
        config,
        ownerId: OTHER,
        conversationId: CONVERSATION,
        action: { action: 'drop', draftTokens: 0 },
      }),
    ).rejects.toThrow(/not found/i);
  });

  it('compact: GLM writes the summary with thinking off; it replaces the old turns in the next request', async () => {
    await turn(long('OLDEST-TURN'));
    await turn(long('MIDDLE-TURN'));
    const before = chatTurns().length;
    const result = await changeContext({
      db,
      glm,
      config,
      ownerId: OWNER,
      conversationId: CONVERSATION,
      action: { action: 'compact', draftTokens: 50 },
    });
    const summaryRequest = chatTurns()[before].body as Record<string, unknown>;
    expect(summaryRequest.thinking).toEqual({ type: 'disabled' });
    expect(summaryRequest.stream).not.toBe(true);
    expect(JSON.stringify(summaryRequest.messages)).toContain('OLDEST-TURN');
    const summary = result.context?.summary;
    expect(summary?.text.length).toBeGreaterThan(0);
    await turn('NEWEST question');
    expect(sentText()).toContain(summary?.text.slice(0, 40));
    expect(sentText()).not.toContain('OLDEST-TURN');
    // The summary's cost is counted in the conversation.
    expect(conversationUsage(db, OWNER, CONVERSATION).messages).toBe(4);
  });

  it('an upstream context-length error is recognised in every backend’s words', async () => {
    for (const flavour of SIMULATOR_FLAVOURS) {
      setUp(flavour);
      const conversationId = `overflow-${flavour}`;
      await turn('::context-overflow\nToo long?', OWNER, conversationId);
      const answer = getThread(db, OWNER, conversationId)?.at(-1);
      expect(answer?.metadata?.status, flavour).toBe('error');
      expect(answer?.metadata?.errorCode, flavour).toBe('context_length');
      expect(answer?.metadata?.errorText, flavour).toMatch(/too long for the model's context window/);
    }
    // Z.ai ending an answer at the window: what arrived is kept, it failed, and says why.
    setUp('zai');
    await turn('::finish model_context_window_exceeded\nA long one', OWNER, 'cut-off');
    const cut = getThread(db, OWNER, 'cut-off')?.at(-1)?.metadata;
    expect(cut?.status).toBe('error');
    expect(cut?.errorCode).toBe('context_length');
    expect(cut?.errorText).toBe("The conversation is too long for the model's context window.");
    // A simulator with a small window refuses a prompt larger than it, and serves a smaller one.
    simulator = createSimulator({ flavour: 'vllm', tokensPerSecond: 0, contextSize: 50 });
    glm = createGlm(parseConfig({ GLM_PROVIDER: 'simulator', SIMULATOR_FLAVOUR: 'vllm' }), {
      fetch: simulator.fetch,
    });
    await turn('x '.repeat(300), OWNER, 'small-window');
    expect(getThread(db, OWNER, 'small-window')?.at(-1)?.metadata?.errorCode).toBe('context_length');
    await turn('short', OWNER, 'small-window-2');
    expect(getThread(db, OWNER, 'small-window-2')?.at(-1)?.metadata?.status).toBe('complete');
  });
});
