import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FreshDb, freshDb } from '@/db/__tests__/fixture';
import { updateConversation } from '@/db/queries/conversations';
import { finishAssistantMessage, getThread, saveUserTurn, startRegeneration } from '@/db/queries/messages';
import { getConversationShare, listShares, recordShareView, revokeShare } from '@/db/queries/shares';
import { conversations, shares, user } from '@/db/schema';
import type { ChatUIMessage } from '@/lib/chat/types';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { shareSettingsSchema } from '../options';
import { continueSharedConversation, createShareLink, openSharedSnapshot, updateShareLink } from '../service';
import { hashShareToken, isTokenShaped, newShareToken } from '../token';

const OWNER = 'owner-a';
const OTHER = 'owner-b';
const CONVERSATION = 'conversation-1';
const DAY = 24 * 60 * 60 * 1000;
const defaults = shareSettingsSchema.parse({});

let store: FreshDb;
let counter = 0;

beforeEach(() => {
  store = freshDb({ owners: [OWNER, OTHER], prefix: 'glm-chat-share-' });
});

afterEach(() => store.cleanup());

const answerParts = (text: string): ChatUIMessage['parts'] => [
  { type: 'step-start' },
  {
    type: 'reasoning',
    text: `thinking about ${text}`,
    state: 'done',
    providerMetadata: { x: { secret: 1 } },
  },
  {
    type: 'tool-calculator',
    toolCallId: `call-${text}`,
    state: 'output-available',
    input: { expression: '2+3' },
    output: { result: `tool-output-${text}` },
  },
  { type: 'text', text: `answer ${text}`, state: 'done' },
];

/** A question and its finished answer, appended to the active branch. Returns the answer's id. */
function turn(text: string, conversationId = CONVERSATION, ownerId = OWNER): string {
  counter += 1;
  const answerId = `answer-${counter}`;
  saveUserTurn(store.db, {
    ownerId,
    conversationId,
    userMessage: { id: `user-${counter}`, role: 'user', parts: [{ type: 'text', text }] },
    assistantMessageId: answerId,
    assistantMetadata: {},
    title: `Title of ${conversationId}`,
  });
  finishAssistantMessage(
    store.db,
    answerId,
    answerParts(text),
    { model: 'glm-secret-model', usage: { inputTokens: 5, reasoningTokens: 3 }, toolDurations: { x: 1 } },
    'complete',
  );
  return answerId;
}

const texts = (messages: ChatUIMessage[]) =>
  messages.map((m) => m.parts.map((p) => (p.type === 'text' ? p.text : '')).join(''));

describe('share tokens', () => {
  it('are 128 random bits in base64url, all different', () => {
    const tokens = new Set(Array.from({ length: 2000 }, newShareToken));
    expect(tokens.size).toBe(2000);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(16);
      expect(isTokenShaped(token)).toBe(true);
    }
    // Every character position varies (no fixed prefix or counter).
    const all = [...tokens];
    for (let i = 0; i < 21; i += 1) expect(new Set(all.map((t) => t[i])).size).toBeGreaterThan(32);
  });

  it('are stored with their hash, which is what visitors are looked up by', () => {
    turn('one');
    const link = createShareLink(store.db, OWNER, CONVERSATION, defaults);
    const row = store.db.select().from(shares).where(eq(shares.id, link.id)).get();
    expect(row?.tokenHash).toBe(hashShareToken(link.token));
    expect(row?.tokenHash).not.toContain(link.token);
  });
});

describe('a shared snapshot', () => {
  it('is the active branch up to its end when the link was made, and moves only on update', () => {
    turn('first question');
    const link = createShareLink(store.db, OWNER, CONVERSATION, defaults);
    turn('later question');

    const before = openSharedSnapshot(store.db, link.token);
    expect(texts(before?.messages ?? [])).toEqual(['first question', 'answer first question']);
    expect(getConversationShare(store.db, OWNER, CONVERSATION)?.upToDate).toBe(false);

    updateShareLink(store.db, OWNER, link.id, defaults);
    const after = openSharedSnapshot(store.db, link.token);
    expect(texts(after?.messages ?? [])).toHaveLength(4);
    expect(getConversationShare(store.db, OWNER, CONVERSATION)?.upToDate).toBe(true);
  });

  it('shows the title as of the snapshot: a rename reaches the link only on update', () => {
    turn('first question');
    const link = createShareLink(store.db, OWNER, CONVERSATION, defaults);
    updateConversation(store.db, OWNER, CONVERSATION, { title: 'Renamed in private' });
    expect(openSharedSnapshot(store.db, link.token)?.title).toBe(`Title of ${CONVERSATION}`);

    updateShareLink(store.db, OWNER, link.id, defaults);
    expect(openSharedSnapshot(store.db, link.token)?.title).toBe('Renamed in private');
  });

  it('never holds another branch', () => {
    const first = turn('question');
    startRegeneration(store.db, {
      ownerId: OWNER,
      conversationId: CONVERSATION,
      messageId: first,
      assistantMessageId: 'regenerated',
      assistantMetadata: {},
    });
    finishAssistantMessage(store.db, 'regenerated', answerParts('second try'), {}, 'complete');
    const link = createShareLink(store.db, OWNER, CONVERSATION, defaults);
    const shared = openSharedSnapshot(store.db, link.token);
    expect(texts(shared?.messages ?? [])).toEqual(['question', 'answer second try']);
    expect(JSON.stringify(shared)).not.toContain('answer question');
  });

  it('leaves out reasoning and tool details when the owner turned them off, and all metadata it does not need', () => {
    turn('q');
    const link = createShareLink(
      store.db,
      OWNER,
      CONVERSATION,
      shareSettingsSchema.parse({ reasoning: false, tools: false }),
    );
    const shared = JSON.stringify(openSharedSnapshot(store.db, link.token));
    expect(shared).not.toContain('thinking about');
    expect(shared).not.toContain('tool-output');
    expect(shared).not.toContain('expression');
    expect(shared).not.toContain('reasoningTokens');
    expect(shared).not.toContain('glm-secret-model');
    expect(shared).not.toContain('secret');
    expect(shared).not.toContain('answer-'); // stored message ids
    expect(shared).toContain('answer q');

    updateShareLink(store.db, OWNER, link.id, defaults);
    const full = JSON.stringify(openSharedSnapshot(store.db, link.token));
    expect(full).toContain('thinking about q');
    expect(full).toContain('tool-output-q');
    expect(full).not.toContain('glm-secret-model');
    expect(full).not.toContain('providerMetadata');
  });

  it('is refused while the last answer is still streaming', () => {
    saveUserTurn(store.db, {
      ownerId: OWNER,
      conversationId: CONVERSATION,
      userMessage: { id: 'user-streaming', role: 'user', parts: [{ type: 'text', text: 'hi' }] },
      assistantMessageId: 'answer-streaming',
      assistantMetadata: {},
      title: 't',
    });
    expect(() => createShareLink(store.db, OWNER, CONVERSATION, defaults)).toThrow(ConflictError);
  });
});

describe('link lifetime', () => {
  it('expires: 1 day after it was made or last updated', () => {
    turn('q');
    const now = Date.now();
    const link = createShareLink(
      store.db,
      OWNER,
      CONVERSATION,
      shareSettingsSchema.parse({ expiry: '1d' }),
      now,
    );
    expect(link.expiresAt).toBe(now + DAY);
    expect(openSharedSnapshot(store.db, link.token, now + DAY - 1)).toBeDefined();
    expect(openSharedSnapshot(store.db, link.token, now + DAY)).toBeUndefined();
    const never = updateShareLink(store.db, OWNER, link.id, defaults, now + 2 * DAY);
    expect(never.expiresAt).toBeNull();
    expect(openSharedSnapshot(store.db, link.token, now + 400 * DAY)).toBeDefined();
  });

  it('is gone at once when revoked, and a new link can then be made', () => {
    turn('q');
    const link = createShareLink(store.db, OWNER, CONVERSATION, defaults);
    revokeShare(store.db, OWNER, link.id);
    expect(openSharedSnapshot(store.db, link.token)).toBeUndefined();
    expect(() => updateShareLink(store.db, OWNER, link.id, defaults)).toThrow(NotFoundError);
    expect(listShares(store.db, OWNER)[0]?.revokedAt).not.toBeNull();
    const again = createShareLink(store.db, OWNER, CONVERSATION, defaults);
    expect(again.token).not.toBe(link.token);
  });

  it('answers unknown, malformed, revoked and expired tokens alike', () => {
    expect(openSharedSnapshot(store.db, newShareToken())).toBeUndefined();
    expect(openSharedSnapshot(store.db, 'short')).toBeUndefined();
    expect(openSharedSnapshot(store.db, "'; drop table shares; --")).toBeUndefined();
  });

  it('belongs to its owner: another user can neither update nor revoke it, nor see it listed', () => {
    turn('q');
    const link = createShareLink(store.db, OWNER, CONVERSATION, defaults);
    expect(() => updateShareLink(store.db, OTHER, link.id, defaults)).toThrow(NotFoundError);
    expect(() => revokeShare(store.db, OTHER, link.id)).toThrow(NotFoundError);
    expect(() => createShareLink(store.db, OTHER, CONVERSATION, defaults)).toThrow(NotFoundError);
    expect(listShares(store.db, OTHER)).toEqual([]);
    expect(openSharedSnapshot(store.db, link.token)).toBeDefined();
  });

  it('dies with its conversation', () => {
    turn('q');
    const link = createShareLink(store.db, OWNER, CONVERSATION, defaults);
    store.db.delete(conversations).where(eq(conversations.id, CONVERSATION)).run();
    expect(openSharedSnapshot(store.db, link.token)).toBeUndefined();
    expect(store.db.select().from(shares).all()).toEqual([]);
  });

  it('dies with its owner’s account', () => {
    turn('q');
    const link = createShareLink(store.db, OWNER, CONVERSATION, defaults);
    store.db.delete(user).where(eq(user.id, OWNER)).run();
    expect(openSharedSnapshot(store.db, link.token)).toBeUndefined();
    expect(store.db.select().from(shares).all()).toEqual([]);
  });

  it('counts views', () => {
    turn('q');
    const link = createShareLink(store.db, OWNER, CONVERSATION, defaults);
    recordShareView(store.db, link.id);
    recordShareView(store.db, link.id);
    expect(listShares(store.db, OWNER)[0]?.viewCount).toBe(2);
  });
});

describe('continuing a shared conversation', () => {
  it('copies what the link shows into an independent conversation of the visitor', () => {
    turn('q');
    const link = createShareLink(
      store.db,
      OWNER,
      CONVERSATION,
      shareSettingsSchema.parse({ reasoning: false }),
    );
    const copyId = continueSharedConversation(store.db, OTHER, link.token);
    const copy = getThread(store.db, OTHER, copyId) ?? [];
    expect(texts(copy)).toEqual(['q', 'answer q']);
    expect(JSON.stringify(copy)).not.toContain('thinking about');
    expect(getThread(store.db, OWNER, copyId)).toBeUndefined();

    // Changes to either side leave the other alone.
    turn('owner goes on');
    turn('visitor goes on', copyId, OTHER);
    expect(texts(getThread(store.db, OTHER, copyId) ?? [])).toEqual([
      'q',
      'answer q',
      'visitor goes on',
      'answer visitor goes on',
    ]);
    expect(texts(getThread(store.db, OWNER, CONVERSATION) ?? [])).toEqual([
      'q',
      'answer q',
      'owner goes on',
      'answer owner goes on',
    ]);
    // Deleting the original leaves the copy.
    store.db.delete(conversations).where(eq(conversations.id, CONVERSATION)).run();
    expect(getThread(store.db, OTHER, copyId)).toHaveLength(4);
  });

  it('is refused for a revoked link', () => {
    turn('q');
    const link = createShareLink(store.db, OWNER, CONVERSATION, defaults);
    revokeShare(store.db, OWNER, link.id);
    expect(() => continueSharedConversation(store.db, OTHER, link.token)).toThrow(NotFoundError);
  });
});
