import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '@/db/__tests__/fixture';
import type { Db } from '@/db/client';
import { activateMessage, siblingsOnPath } from '@/db/queries/branches';
import { getThread, saveUserTurn, startRegeneration } from '@/db/queries/messages';
import { conversations, messages } from '@/db/schema';
import { ValidationError } from '@/lib/errors';
import { buildExport } from '@/lib/transfer/export';
import type { ExportedConversation } from '@/lib/transfer/format';
import { importConversations } from '@/lib/transfer/import';
import { conversationToMarkdown } from '@/lib/transfer/markdown';
import { normaliseConversation as normalise } from '@/lib/transfer/normalise';

const OWNER = 'owner-a';
const OTHER = 'owner-b';
const FIXTURE = path.join(__dirname, '../../../e2e/fixtures/chatgpt-conversations.json');
let db: Db;
let cleanup: () => void;

beforeEach(() => {
  ({ db, cleanup } = freshDb({ owners: [OWNER, OTHER], prefix: 'glm-chat-transfer-' }));
});
afterEach(() => cleanup());

/** Our format with one message holding one part. */
function withPart(part: Record<string, unknown>) {
  return {
    format: 'glm-chat',
    version: 1,
    conversations: [
      {
        id: 'c',
        title: 'one part',
        createdAt: 1,
        updatedAt: 1,
        activeLeafId: 'm',
        messages: [{ id: 'm', parentId: null, role: 'user', parts: [part], createdAt: 1, updatedAt: 1 }],
      },
    ],
  };
}

/** A conversation with a bit of everything: an edit, two answers to one question, reasoning, a tool call. */
function seedRichConversation(id: string): void {
  const answer = (messageId: string) =>
    db
      .update(messages)
      .set({
        status: 'complete',
        parts: [
          { type: 'step-start' },
          { type: 'reasoning', text: 'Thinking about </details> and more.', state: 'done' },
          {
            type: 'tool-calculator',
            toolCallId: `call-${messageId}`,
            state: 'output-available',
            input: { expression: '2+2' },
            output: { result: 4 },
          },
          { type: 'text', text: `Answer ${messageId}: 你好 \`\`\`code\`\`\`` },
        ],
        metadata: {
          status: 'complete',
          usage: { inputTokens: 12, outputTokens: 34 },
          model: 'glm-4.7-flash',
        },
      })
      .where(eq(messages.id, messageId))
      .run();
  const ask = (userId: string, answerId: string, text: string, parentId?: string | null) => {
    saveUserTurn(db, {
      ownerId: OWNER,
      conversationId: id,
      userMessage: { id: userId, role: 'user', parts: [{ type: 'text', text }] },
      parentId,
      assistantMessageId: answerId,
      assistantMetadata: {},
      title: 'Rich conversation',
    });
    answer(answerId);
  };
  ask(`${id}-u1`, `${id}-a1`, 'First question');
  ask(`${id}-u2`, `${id}-a2`, 'Second question');
  ask(`${id}-u2b`, `${id}-a2b`, 'Second question, edited', `${id}-a1`);
  startRegeneration(db, {
    ownerId: OWNER,
    conversationId: id,
    messageId: `${id}-a2b`,
    assistantMessageId: `${id}-a2c`,
    assistantMetadata: {},
  });
  db.update(messages)
    .set({
      status: 'stopped',
      parts: [{ type: 'text', text: 'Half an ans' }],
      metadata: { status: 'stopped' },
    })
    .where(eq(messages.id, `${id}-a2c`))
    .run();
  db.update(conversations)
    .set({
      pinned: true,
      archived: true,
      settings: { tools: ['calculator'], temperature: 0.3 },
      title: 'Rich 对话',
    })
    .where(eq(conversations.id, id))
    .run();
  // Show the first version of the second question.
  activateMessage(db, OWNER, id, `${id}-u2`);
}

describe('export and import', () => {
  it('our JSON round trip gives an identical conversation (new ids, same everything else)', async () => {
    seedRichConversation('rich-conversation');
    const exported = buildExport(db, OWNER, 'rich-conversation');
    expect(exported.format).toBe('glm-chat');
    expect(exported.version).toBe(1);
    expect(exported.conversations[0]?.messages).toHaveLength(7);

    const result = await importConversations(db, OTHER, JSON.stringify(exported));
    expect(result).toMatchObject({ source: 'glm-chat', conversations: 1, messages: 7 });
    const newId = result.imported[0]?.id ?? '';
    expect(newId).not.toBe('rich-conversation');
    const reimported = buildExport(db, OTHER, newId);
    expect(normalise(reimported.conversations[0] as ExportedConversation)).toEqual(
      normalise(exported.conversations[0] as ExportedConversation),
    );
    // The active branch is the same path of the same content.
    const text = (ownerId: string, id: string) =>
      getThread(db, ownerId, id)?.map((m) => m.parts.map((p) => (p.type === 'text' ? p.text : '')).join(''));
    expect(text(OTHER, newId)).toEqual(text(OWNER, 'rich-conversation'));
    // A second export of the copy, imported again, is still the same.
    const again = await importConversations(db, OTHER, JSON.stringify(reimported));
    expect(
      normalise(buildExport(db, OTHER, again.imported[0]?.id).conversations[0] as ExportedConversation),
    ).toEqual(normalise(exported.conversations[0] as ExportedConversation));
  });

  it('exports only the owner’s conversations', () => {
    seedRichConversation('rich-conversation');
    expect(buildExport(db, OTHER).conversations).toEqual([]);
    expect(() => buildExport(db, OTHER, 'rich-conversation')).toThrow('Conversation not found');
  });

  it('Markdown shows the active branch with roles and times, reasoning and tools folded', () => {
    seedRichConversation('rich-conversation');
    const markdown = conversationToMarkdown(
      buildExport(db, OWNER, 'rich-conversation').conversations[0] as ExportedConversation,
    );
    expect(markdown).toMatch(/^# Rich 对话\n/);
    expect(markdown).toMatch(/## You · \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\n\nFirst question/);
    expect(markdown).toContain('## GLM · ');
    expect(markdown).toContain('Second question\n');
    expect(markdown).not.toContain('Second question, edited');
    expect(markdown).toContain('<details>\n<summary>Reasoning</summary>');
    expect(markdown).toContain('Thinking about &lt;/details> and more.');
    expect(markdown).toContain('<summary>Tool call: calculator</summary>');
    expect(markdown).toContain('"expression": "2+2"');
    expect(markdown).toContain('3 messages on other branches not shown');
  });

  it('a ChatGPT export comes in with its branches, current node, code, images and Chinese', async () => {
    const result = await importConversations(db, OWNER, fs.readFileSync(FIXTURE, 'utf8'));
    expect(result).toMatchObject({ source: 'chatgpt', conversations: 2, messages: 9 });
    const [sorting, picture] = result.imported.map((c) => c.id) as [string, string];
    expect(result.imported.map((c) => c.title)).toEqual(['Sorting dicts in Python', '图片里的文字']);

    const thread = getThread(db, OWNER, sorting) ?? [];
    const texts = thread.map((m) => m.parts.map((p) => (p.type === 'text' ? p.text : '')).join(''));
    expect(thread.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(texts[0]).toBe('How do I sort a list of dicts by a key in Python?');
    expect(texts[1]).toContain('```python\npeople = [');
    // current_node was the regenerated answer to the edited question.
    expect(texts[2]).toBe('And how do I sort by two keys, age then name?');
    expect(texts[3]).toContain('itemgetter');
    const siblings = siblingsOnPath(
      db,
      OWNER,
      sorting,
      thread.map((m) => m.id),
    );
    expect(siblings[thread[2]?.id ?? '']).toHaveLength(2);
    expect(siblings[thread[3]?.id ?? '']).toHaveLength(2);
    expect(siblings[thread[0]?.id ?? '']).toBeUndefined();
    const conversation = db.select().from(conversations).where(eq(conversations.id, sorting)).get();
    expect(conversation?.title).toBe('Sorting dicts in Python');
    expect(conversation?.createdAt).toBe(1732600000123);
    expect(thread[0]?.metadata?.createdAt).toBe(1732600001123);

    // Image + Chinese question; reasoning, the code run and the answer merged into one answer.
    const second = getThread(db, OWNER, picture) ?? [];
    expect(second).toHaveLength(2);
    expect(second[0]?.parts).toEqual([
      {
        type: 'text',
        text: '[Image 800×600: not included in the import]\n\n这张图片里写的是什么？请翻译成英文。',
      },
    ]);
    const parts = second[1]?.parts ?? [];
    expect(parts.map((p) => p.type)).toEqual(['reasoning', 'dynamic-tool', 'text']);
    expect(parts[1]).toMatchObject({
      toolName: 'python',
      state: 'output-available',
      input: { code: "print(len('你好，世界'))" },
      output: '5',
    });
    expect(parts[2]).toMatchObject({ text: expect.stringContaining('你好，世界') });
    expect(second[1]?.metadata?.model).toBe('o3');
  });

  it('a malformed file is refused with a clear error and changes nothing', async () => {
    seedRichConversation('rich-conversation');
    const count = () => [
      db.select().from(conversations).all().length,
      db.select().from(messages).all().length,
    ];
    const before = count();
    const valid = buildExport(db, OWNER, 'rich-conversation');
    const broken = structuredClone(valid);
    // The second conversation is broken: the first must not be written either.
    const second = structuredClone(valid.conversations[0] as ExportedConversation);
    (second.messages[3] as { parentId: string | null }).parentId = 'not-in-the-file';
    broken.conversations.push(second);
    const cases: Array<[string, RegExp]> = [
      ['not json', /not valid JSON/],
      ['{"hello":"world"}', /neither a GLM Chat export/],
      [JSON.stringify({ ...valid, version: 2 }), /format version 2; this server reads version 1/],
      [JSON.stringify(broken), /not in the file/],
      [
        JSON.stringify([{ title: 'x', mapping: { a: { message: { author: {} } } } }]),
        /ChatGPT export has something unexpected at \[0\]\.mapping\.a\.message\.author\.role/,
      ],
      [JSON.stringify({ format: 'glm-chat', version: 1, conversations: [] }), /no conversations/],
      [
        JSON.stringify(
          withPart({ type: 'file', mediaType: 'image/png', url: 'http://169.254.169.254/latest' }),
        ),
        /conversations\[0\]\.messages\[0\]\.parts\[0\]: a part of type "file" cannot be imported/,
      ],
      [
        JSON.stringify(withPart({ type: 'tool-calculator', toolCallId: 'x', state: 'exploded' })),
        /known state/,
      ],
      [JSON.stringify(withPart({ type: 'reasoning' })), /needs its text/],
      // A shape the AI SDK cannot read back: the next turn of the conversation would fail on it.
      [
        JSON.stringify(
          withPart({ type: 'tool-calculator', toolCallId: 'x', state: 'output-denied', input: {} }),
        ),
        /"tool-calculator" part in state "output-denied" at conversations\[0\]\.messages\[0\]\.parts\[0\] that could not be sent to GLM again \(approval: /,
      ],
    ];
    for (const [text, message] of cases) {
      await expect(importConversations(db, OWNER, text)).rejects.toThrow(ValidationError);
      await expect(importConversations(db, OWNER, text)).rejects.toThrow(message);
    }
    expect(count()).toEqual(before);
  });

  it('a loop of parents is refused', async () => {
    const file = {
      format: 'glm-chat',
      version: 1,
      conversations: [
        {
          id: 'c',
          title: 'loop',
          createdAt: 1,
          updatedAt: 1,
          activeLeafId: null,
          messages: [
            { id: 'a', parentId: 'b', role: 'user', parts: [], createdAt: 1, updatedAt: 1 },
            { id: 'b', parentId: 'a', role: 'assistant', parts: [], createdAt: 2, updatedAt: 2 },
          ],
        },
      ],
    };
    await expect(importConversations(db, OWNER, JSON.stringify(file))).rejects.toThrow(/loop/);
  });
});
