import Database from 'better-sqlite3';
import { databasePath } from './helpers';

/**
 * Writes conversations straight into the single-user server's SQLite file (as an import or an old
 * install would have left them): the app reads them like any other, and the FTS triggers index them.
 */
export interface SeedMessage {
  id: string;
  parentId: string | null;
  role: 'user' | 'assistant';
  text: string;
  createdAt: number;
}

export interface SeedConversation {
  id: string;
  title: string;
  updatedAt: number;
  activeLeafId?: string | null;
  pinned?: boolean;
  messages?: SeedMessage[];
}

export function seedConversations(conversations: SeedConversation[], owner = 'local'): void {
  const db = new Database(databasePath('single-user'), { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  try {
    const conversation = db.prepare(
      `insert into conversations (id, owner_id, title, pinned, active_leaf_id, created_at, updated_at, title_source)
       values (?, ?, ?, ?, ?, ?, ?, 'user')`,
    );
    const message = db.prepare(
      `insert into messages (id, conversation_id, parent_id, role, parts, metadata, status, content, created_at, updated_at)
       values (?, ?, ?, ?, ?, '{}', 'complete', ?, ?, ?)`,
    );
    db.transaction(() => {
      for (const c of conversations) {
        conversation.run(
          c.id,
          owner,
          c.title,
          c.pinned ? 1 : 0,
          c.activeLeafId ?? null,
          c.updatedAt,
          c.updatedAt,
        );
        for (const m of c.messages ?? []) {
          const parts = JSON.stringify([{ type: 'text', text: m.text }]);
          message.run(m.id, c.id, m.parentId, m.role, parts, m.text, m.createdAt, m.createdAt);
        }
      }
    })();
  } finally {
    db.close();
  }
}

/** A short unique tag for names in this run (letters only, so the search treats it as one word). */
export function uniqueWord(prefix: string): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let n = Date.now() + Math.floor(Math.random() * 1000);
  let out = '';
  while (n > 0) {
    out += letters[n % 26];
    n = Math.floor(n / 26);
  }
  return `${prefix}${out}`;
}
