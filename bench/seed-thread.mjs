// A long conversation written straight into SQLite (owner `local`, AUTH_MODE=none): every answer
// with reasoning, a list, a code block and a table. Used by B4 and by e2e/long-thread.spec.ts.
// Only Node built-ins and better-sqlite3 here, so the browser tests can load it too.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import Database from 'better-sqlite3';

const id = (prefix) => `${prefix}${randomBytes(12).toString('hex')}`;

const TOPICS = ['B-trees', 'HTTP caching', 'Rust lifetimes', 'SQL joins', 'React effects', 'TLS handshakes'];

function reasoning(i) {
  const topic = TOPICS[i % TOPICS.length];
  return (
    `The user asks about ${topic} (question ${i}). I should explain the idea first, then show a short ` +
    'example, and finish with a table that compares the options. Let me check the edge cases: empty ' +
    'input, very large input, and concurrent access. The example should compile as written, and the ' +
    'table should have a header row. I will keep the answer focused and avoid repeating the question.'
  );
}

function answer(i) {
  const topic = TOPICS[i % TOPICS.length];
  return [
    `## ${topic}, part ${i}`,
    '',
    `Here is how **${topic}** work in practice, with \`inline code\`, a [reference](https://example.com/${i}) and a list:`,
    '',
    `1. The first point about ${topic}: it trades memory for speed.`,
    '2. The second point: measure before you optimise.',
    '3. The third point: keep the common path short.',
    '',
    '```ts',
    `export function step${i}(items: number[]): number {`,
    '  let total = 0;',
    '  for (const item of items) {',
    `    total += item * ${i % 7} + Math.sqrt(item);`,
    '  }',
    '  return total;',
    '}',
    '```',
    '',
    '| Option | Cost | When |',
    '| --- | --- | --- |',
    `| Plain | ${i % 5} ms | small inputs |`,
    `| Indexed | ${(i % 3) + 1} ms | large inputs |`,
    '| Cached | 0 ms | repeated reads |',
    '',
    `> Note ${i}: the numbers above are illustrative.`,
  ].join('\n');
}

/**
 * Writes a conversation of `messages` messages (user and assistant alternating, every answer with
 * reasoning, a code block, a list and a table) into `file`; returns its id.
 */
export function seedConversation(file, { messages = 1000, ownerId = 'local', title = 'Long thread' } = {}) {
  if (!fs.existsSync(file)) throw new Error(`${file} does not exist: migrate it first`);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const conversationId = id('benchconv');
  const start = Date.now() - messages * 60_000;
  const insertMessage = db.prepare(
    `insert into messages (id, conversation_id, parent_id, role, parts, metadata, status, content, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, 'complete', ?, ?, ?)`,
  );
  db.transaction(() => {
    db.prepare(
      `insert into conversations (id, owner_id, title, settings, created_at, updated_at) values (?, ?, ?, '{}', ?, ?)`,
    ).run(conversationId, ownerId, title, start, start);
    let parent = null;
    for (let i = 0; i < messages; i++) {
      const at = start + i * 60_000;
      const messageId = id('benchmsg');
      const n = Math.floor(i / 2);
      let parts;
      let metadata;
      if (i % 2 === 0) {
        const text = `Question ${n}: how do ${TOPICS[n % TOPICS.length]} behave under load?`;
        parts = [{ type: 'text', text }];
        metadata = { createdAt: at };
      } else {
        parts = [
          { type: 'step-start' },
          { type: 'reasoning', text: reasoning(n), state: 'done' },
          { type: 'text', text: answer(n), state: 'done' },
        ];
        metadata = {
          createdAt: at,
          model: 'glm-4.7-flash',
          status: 'complete',
          thinking: true,
          reasoningDurations: [1200 + (n % 900)],
          finishReason: 'stop',
          usage: { inputTokens: 200 + i, outputTokens: 320, reasoningTokens: 70, totalTokens: 520 + i },
        };
      }
      const content = parts
        .filter((p) => p.type === 'text')
        .map((p) => p.text)
        .join('\n');
      insertMessage.run(
        messageId,
        conversationId,
        parent,
        i % 2 === 0 ? 'user' : 'assistant',
        JSON.stringify(parts),
        JSON.stringify(metadata),
        content,
        at,
        at,
      );
      parent = messageId;
    }
    db.prepare('update conversations set active_leaf_id = ?, updated_at = ? where id = ?').run(
      parent,
      start + messages * 60_000,
      conversationId,
    );
  })();
  db.close();
  return conversationId;
}
