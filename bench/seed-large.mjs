#!/usr/bin/env node
// Fills a GLM Chat database with many conversations, for the sidebar and search benchmarks:
//   node bench/seed-large.mjs <db-path> [--conversations 10000] [--messages 100000] [--owner local]
// Runs the app's migrations first (the committed drizzle/ folder, as the app does at boot), then
// writes everything in one transaction with prepared statements. Text is deterministic (a seeded
// generator): English, Chinese and Japanese sentences, some code blocks, common and rare words.
// Importable: `import { seedLarge } from './seed-large.mjs'`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Words and phrases; RARE ones appear in about one message in a thousand (search: rare terms). */
export const VOCABULARY = {
  english: (
    'the a of to and in is for that with on as it be this are by from at or an can your how what ' +
    'model answer question data function server request token stream database search index query ' +
    'table column migration branch sidebar title message conversation react component render state ' +
    'memory latency throughput cache network browser python typescript rust docker kubernetes deploy ' +
    'picnic weather travel recipe garden music history science planet ocean mountain river forest city'
  ).split(' '),
  rare: ['zanzibar', 'quetzalcoatl', 'fjordland', 'xylophonist', 'marmalade'],
  chinese: [
    '你好',
    '长城的历史',
    '人工智能',
    '机器学习',
    '天气预报',
    '数据库索引',
    '北京烤鸭',
    '上海的夜景',
    '请解释一下',
    '这个问题很有意思',
    '全文搜索',
    '性能优化',
    '分布式系统',
    '春节快乐',
    '中文分词',
  ],
  japanese: [
    'こんにちは',
    '東京の天気',
    '機械学習について',
    'ありがとうございます',
    '日本語の文章',
    '全文検索の仕組み',
    '寿司とラーメン',
    '富士山に登る',
    'データベースの設計',
  ],
};

const CODE_BLOCKS = [
  '```ts\nexport function add(a: number, b: number): number {\n  return a + b;\n}\n```',
  '```python\ndef fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n```',
  '```sql\nselect id, title from conversations where owner_id = ? order by updated_at desc;\n```',
  '```bash\nnpm ci && npm run build && npm start\n```',
];

/** Mulberry32: small, fast, deterministic. */
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function textMaker(random) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const englishSentence = () => {
    const n = 6 + Math.floor(random() * 12);
    const words = Array.from({ length: n }, () => pick(VOCABULARY.english));
    if (random() < 0.002) words.splice(Math.floor(random() * n), 0, pick(VOCABULARY.rare));
    const s = words.join(' ');
    return `${s[0].toUpperCase()}${s.slice(1)}.`;
  };
  const chineseSentence = () =>
    `${Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(VOCABULARY.chinese)).join('，')}。`;
  const japaneseSentence = () =>
    `${Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(VOCABULARY.japanese)).join('、')}。`;
  /** A message: mostly English, a fifth Chinese, a tenth Japanese; answers are longer, some have code. */
  return (role, language) => {
    const sentence =
      language === 'zh' ? chineseSentence : language === 'ja' ? japaneseSentence : englishSentence;
    const count = role === 'user' ? 1 + Math.floor(random() * 2) : 3 + Math.floor(random() * 6);
    const parts = Array.from({ length: count }, sentence);
    if (role === 'assistant' && random() < 0.25) parts.push(pick(CODE_BLOCKS));
    return parts.join(role === 'user' ? ' ' : '\n\n');
  };
}

/** Applies the committed migrations, as the app does at boot (foreign keys off around them). */
export function migrateDatabase(sqlite) {
  sqlite.pragma('foreign_keys = OFF');
  migrate(drizzle({ client: sqlite }), { migrationsFolder: path.join(root, 'drizzle') });
  sqlite.pragma('foreign_keys = ON');
}

/**
 * Seeds `dbPath` with `conversations` conversations holding `messages` messages in all (linear
 * threads, user and assistant alternating), owned by `owner` (created if missing; `local` is the
 * single-user owner). Updated times spread over the past 400 days; 1% pinned, 5% archived.
 */
export function seedLarge(
  dbPath,
  { conversations = 10_000, messages = 100_000, owner = 'local', seed = 42 } = {},
) {
  const started = performance.now();
  const sqlite = new Database(dbPath);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  migrateDatabase(sqlite);
  const migrated = performance.now();

  const random = generator(seed);
  const makeText = textMaker(random);
  const now = Date.now();
  const DAY = 86_400_000;
  const insertUser = sqlite.prepare(
    `insert or ignore into user (id, name, email, email_verified, role, created_at, updated_at)
     values (?, ?, ?, 0, 'admin', ?, ?)`,
  );
  const insertConversation = sqlite.prepare(
    `insert into conversations (id, owner_id, title, pinned, archived, settings, active_leaf_id, created_at, updated_at, title_source)
     values (?, ?, ?, ?, ?, '{}', ?, ?, ?, 'generated')`,
  );
  const insertMessage = sqlite.prepare(
    `insert into messages (id, conversation_id, parent_id, role, parts, metadata, status, content, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, 'complete', ?, ?, ?)`,
  );

  const perConversation = Math.max(1, Math.floor(messages / conversations));
  let extra = messages - perConversation * conversations;
  let written = 0;
  sqlite.transaction(() => {
    insertUser.run(owner, owner, `${owner}@seed.invalid`, now, now);
    for (let c = 0; c < conversations; c++) {
      const id = `seed-${seed}-${String(c).padStart(6, '0')}`;
      const language = random() < 0.2 ? 'zh' : random() < 0.125 ? 'ja' : 'en';
      const count = perConversation + (extra > 0 ? 1 : 0);
      if (extra > 0) extra--;
      const updatedAt = now - Math.floor(random() * 400 * DAY);
      const createdAt = updatedAt - count * 60_000;
      const firstQuestion = makeText('user', language);
      const title = Array.from(firstQuestion).slice(0, 40).join('');
      let parent = null;
      const ids = [];
      for (let m = 0; m < count; m++) {
        ids.push(`${id}-m${m}`);
      }
      insertConversation.run(
        id,
        owner,
        title,
        random() < 0.01 ? 1 : 0,
        random() < 0.05 ? 1 : 0,
        ids.at(-1),
        createdAt,
        updatedAt,
      );
      for (let m = 0; m < count; m++) {
        const role = m % 2 === 0 ? 'user' : 'assistant';
        const text = m === 0 ? firstQuestion : makeText(role, language);
        const at = createdAt + m * 60_000;
        insertMessage.run(
          ids[m],
          id,
          parent,
          role,
          JSON.stringify([{ type: 'text', text }]),
          JSON.stringify(role === 'assistant' ? { createdAt: at, status: 'complete' } : { createdAt: at }),
          text,
          at,
          at,
        );
        parent = ids[m];
        written++;
      }
    }
  })();
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.exec('analyze');
  sqlite.close();
  const seconds = (performance.now() - started) / 1000;
  return {
    conversations,
    messages: written,
    owner,
    seconds: Number(seconds.toFixed(1)),
    migrateSeconds: Number(((migrated - started) / 1000).toFixed(2)),
  };
}

function parseArgs(argv) {
  const [dbPath, ...rest] = argv;
  const options = {};
  for (let i = 0; i < rest.length; i += 2) {
    const name = rest[i]?.replace(/^--/, '');
    const value = rest[i + 1];
    if (!name || value === undefined) throw new Error(`Missing value for ${rest[i]}`);
    options[name] = name === 'owner' ? value : Number(value);
  }
  return { dbPath, options };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { dbPath, options } = parseArgs(process.argv.slice(2));
  if (!dbPath) {
    console.error(
      'usage: node bench/seed-large.mjs <db-path> [--conversations 10000] [--messages 100000] [--owner local]',
    );
    process.exit(2);
  }
  const result = seedLarge(path.resolve(dbPath), options);
  console.log(
    `seeded ${result.conversations} conversations, ${result.messages} messages for owner ${result.owner} in ${result.seconds} s (${dbPath})`,
  );
}
