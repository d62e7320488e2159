import type { Db } from '../client';
import { MATCH_END, MATCH_START } from './search-markers';

export { MATCH_END, MATCH_START };

export interface SearchFilters {
  /** Only pinned conversations. */
  pinned?: boolean;
  /** Only archived conversations (by default archived ones are searched too). */
  archived?: boolean;
  /** Only conversations with a live shared link. */
  shared?: boolean;
}

export interface SearchHit {
  conversationId: string;
  title: string;
  /** null for a match in the title. */
  messageId: string | null;
  role: string | null;
  /** Text around the match, with MATCH_START/MATCH_END around each matched term. */
  snippet: string;
  updatedAt: number;
}

export interface SearchPage {
  hits: SearchHit[];
  /** messages.pk to continue below; null on the last page. */
  nextCursor: number | null;
}

export const SEARCH_PAGE_SIZE = 20;
const TITLE_HITS = 5;
const MAX_TERMS = 8;
/** Code points per side of a match in snippets made for short (1–2 character) terms. */
const CONTEXT_CHARS = 30;

/** The trigram tokenizer matches substrings of 3+ characters; shorter terms go through LIKE. */
const MIN_TRIGRAM = 3;

export function searchTerms(query: string): string[] {
  return query
    .normalize('NFC')
    .split(/\s+/u)
    .map((t) => t.trim())
    .filter((t) => t.length > 0)
    .slice(0, MAX_TERMS);
}

/** A term as an FTS5 string: quoted, so `"`, `*`, `:`, `AND`, `NEAR(` … are text, never syntax. */
export function quoteFtsTerm(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const isLong = (term: string) => Array.from(term).length >= MIN_TRIGRAM;

/** Marks every occurrence of the terms in a window of `text` around the first match (made in JS for LIKE matches). */
export function markedExcerpt(text: string, terms: string[]): string {
  const flat = text.replace(/\s+/g, ' ');
  const lower = flat.toLowerCase();
  const needles = terms.map((t) => t.toLowerCase());
  const first = Math.min(...needles.map((n) => lower.indexOf(n)).filter((i) => i >= 0));
  if (!Number.isFinite(first))
    return Array.from(flat)
      .slice(0, CONTEXT_CHARS * 2)
      .join('');
  const before = Array.from(flat.slice(0, first));
  const startIdx = Math.max(0, before.length - CONTEXT_CHARS);
  const start = before.slice(0, startIdx).join('').length;
  const after = Array.from(flat.slice(first));
  const end = first + after.slice(0, CONTEXT_CHARS * 2).join('').length;
  const window = flat.slice(start, end);
  const windowLower = window.toLowerCase();
  let out = '';
  let i = 0;
  while (i < window.length) {
    const hit = needles.find((n) => n.length > 0 && windowLower.startsWith(n, i));
    if (hit) {
      out += MATCH_START + window.slice(i, i + hit.length) + MATCH_END;
      i += hit.length;
    } else {
      out += window[i];
      i++;
    }
  }
  return `${start > 0 ? '…' : ''}${out}${end < flat.length ? '…' : ''}`;
}

interface Built {
  where: string[];
  params: unknown[];
}

function conversationFilters(filters: SearchFilters, alias: string): Built {
  const where: string[] = [];
  if (filters.pinned) where.push(`${alias}.pinned = 1`);
  if (filters.archived) where.push(`${alias}.archived = 1`);
  if (filters.shared) {
    where.push(
      `exists (select 1 from shares s where s.conversation_id = ${alias}.id and s.revoked_at is null
        and (s.expires_at is null or s.expires_at > ?))`,
    );
    return { where, params: [Date.now()] };
  }
  return { where, params: [] };
}

interface MessageRowHit {
  pk: number;
  conversationId: string;
  title: string;
  messageId: string;
  role: string;
  snippet: string;
  content: string | null;
  updatedAt: number;
}

/**
 * Full-text search over one owner's conversations: titles (first page only) and message text,
 * newest messages first, paged by messages.pk. Deleted conversations are never searched.
 * Terms of 3+ characters go through the FTS5 trigram index (CJK included); 1–2 character terms
 * (e.g. "你好") through LIKE on the same index's content.
 */
export function searchConversations(
  db: Db,
  ownerId: string,
  query: string,
  options: { filters?: SearchFilters; cursor?: number | null; limit?: number } = {},
): SearchPage {
  const terms = searchTerms(query);
  if (terms.length === 0) return { hits: [], nextCursor: null };
  const limit = options.limit ?? SEARCH_PAGE_SIZE;
  const filters = options.filters ?? {};
  const long = terms.filter(isLong);
  const short = terms.filter((t) => !isLong(t));
  const sqlite = db.$client;

  const hits: SearchHit[] = [];
  if (!options.cursor) hits.push(...searchTitles(db, ownerId, terms, long, short, filters));

  const conv = conversationFilters(filters, 'c');
  const where = ['c.owner_id = ?', 'c.deleted_at is null', ...conv.where];
  const params: unknown[] = [ownerId, ...conv.params];
  // Terms of 3+ characters: the trigram index finds the rows. Only shorter ones (e.g. "你好"):
  // messages are read newest first and filtered with LIKE, which stops after one page of hits
  // (fast for common words; a rare 1–2 character word reads every message of the owner).
  const indexed = long.length > 0;
  const key = indexed ? 'messages_fts.rowid' : 'm.pk';
  if (indexed) {
    where.unshift('messages_fts match ?');
    params.unshift(long.map(quoteFtsTerm).join(' '));
  }
  for (const term of short) {
    where.push(`m.content like ? escape '\\'`);
    params.push(likePattern(term));
  }
  if (options.cursor) {
    where.push(`${key} < ?`);
    params.push(options.cursor);
  }
  const snippetColumn =
    indexed && short.length === 0
      ? `snippet(messages_fts, 0, '${MATCH_START}', '${MATCH_END}', '…', 64)`
      : `''`;
  const rows = sqlite
    .prepare<unknown[], MessageRowHit>(
      `select ${key} as pk, m.conversation_id as conversationId, c.title as title, m.id as messageId,
              m.role as role, ${snippetColumn} as snippet,
              ${short.length > 0 ? 'm.content' : 'null'} as content, c.updated_at as updatedAt
       from ${indexed ? 'messages_fts join messages m on m.pk = messages_fts.rowid' : 'messages m'}
       join conversations c on c.id = m.conversation_id
       where ${where.join(' and ')}
       order by ${key} desc
       limit ?`,
    )
    .all(...params, limit + 1);
  const page = rows.slice(0, limit);
  for (const row of page) {
    hits.push({
      conversationId: row.conversationId,
      title: row.title,
      messageId: row.messageId,
      role: row.role,
      snippet: short.length > 0 && row.content !== null ? markedExcerpt(row.content, terms) : row.snippet,
      updatedAt: row.updatedAt,
    });
  }
  const last = page.at(-1);
  return { hits, nextCursor: rows.length > limit && last ? last.pk : null };
}

function searchTitles(
  db: Db,
  ownerId: string,
  terms: string[],
  long: string[],
  short: string[],
  filters: SearchFilters,
): SearchHit[] {
  const conv = conversationFilters(filters, 'c');
  const where = ['c.owner_id = ?', 'c.deleted_at is null', ...conv.where];
  const params: unknown[] = [ownerId, ...conv.params];
  if (long.length > 0) {
    where.unshift('conversation_titles_fts match ?');
    params.unshift(long.map(quoteFtsTerm).join(' '));
  }
  for (const term of short) {
    where.push(`conversation_titles_fts.title like ? escape '\\'`);
    params.push(likePattern(term));
  }
  const rows = db.$client
    .prepare<unknown[], { conversationId: string; title: string; updatedAt: number }>(
      `select c.id as conversationId, c.title as title, c.updated_at as updatedAt
       from conversation_titles_fts
       join conversations c on c.id = conversation_titles_fts.conversation_id
       where ${where.join(' and ')}
       order by c.updated_at desc
       limit ?`,
    )
    .all(...params, TITLE_HITS);
  return rows.map((row) => ({
    ...row,
    messageId: null,
    role: null,
    snippet: markedExcerpt(row.title, terms),
  }));
}
