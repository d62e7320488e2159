import { type SQL, sql } from 'drizzle-orm';
import {
  markedExcerpt,
  SEARCH_PAGE_SIZE,
  type SearchFilters,
  type SearchHit,
  type SearchPage,
  searchTerms,
} from '../queries/search';
import type { SqlRows } from './pg-client';

/** Title hits on the first page, as on SQLite (db/queries/search.ts). */
const TITLE_HITS = 5;

/** The options of the SQLite search (`SearchOptions` in db/queries/search.ts). */
export interface PgSearchOptions {
  filters?: SearchFilters;
  cursor?: number | null;
  limit?: number;
}

/**
 * A term as an ILIKE pattern matching it anywhere, as literal text: `%`, `_` and `\` are escaped,
 * and nothing else in ILIKE is syntax, so quotes, `*`, OR, NEAR( … are searched as they are.
 */
export function ilikePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function conversationFilters(filters: SearchFilters): SQL[] {
  const where: SQL[] = [];
  if (filters.pinned) where.push(sql`c.pinned`);
  if (filters.archived) where.push(sql`c.archived`);
  if (filters.shared)
    where.push(
      sql`exists (select 1 from shares s where s.conversation_id = c.id and s.revoked_at is null
        and (s.expires_at is null or s.expires_at > ${Date.now()}))`,
    );
  return where;
}

const matchesAll = (column: SQL, terms: string[]) =>
  terms.map((term) => sql`${column} ilike ${ilikePattern(term)} escape '\\'`);

interface MessageHitRow {
  pk: number;
  conversationId: string;
  title: string;
  messageId: string;
  role: string;
  content: string;
  updatedAt: number;
}

/**
 * Full-text search over one owner's conversations on PostgreSQL, with the behaviour and signature of
 * the SQLite search (db/queries/search.ts): titles (first page only, newest 5) and the text of every
 * message on every branch, newest first, paged by messages.pk; deleted conversations never.
 *
 * Each whitespace-separated term must occur as a substring, case-insensitively (ILIKE), as FTS5's
 * trigram tokenizer matches: CJK text has no spaces, so "东京" or "长城" are found inside sentences.
 * The pg_trgm GIN indexes on messages.content and conversations.title serve terms of 3+ characters;
 * shorter ones are checked on the rows the index (or the owner's newest messages) yield.
 * Snippets are cut and marked in JS around the first match (MATCH_START/MATCH_END).
 */
export async function searchPostgres(
  db: SqlRows,
  ownerId: string,
  query: string,
  options: PgSearchOptions = {},
): Promise<SearchPage> {
  const terms = searchTerms(query);
  if (terms.length === 0) return { hits: [], nextCursor: null };
  const limit = options.limit ?? SEARCH_PAGE_SIZE;
  const filters = options.filters ?? {};

  const hits: SearchHit[] = [];
  if (!options.cursor) hits.push(...(await searchTitles(db, ownerId, terms, filters)));

  const where = [
    sql`c.owner_id = ${ownerId}`,
    sql`c.deleted_at is null`,
    ...conversationFilters(filters),
    ...matchesAll(sql`m.content`, terms),
  ];
  if (options.cursor) where.push(sql`m.pk < ${options.cursor}`);
  const rows = await db.rows<MessageHitRow>(
    sql`select m.pk as "pk", m.conversation_id as "conversationId", c.title as "title",
               m.id as "messageId", m.role as "role", m.content as "content", c.updated_at as "updatedAt"
        from messages m
        join conversations c on c.id = m.conversation_id
        where ${sql.join(where, sql` and `)}
        order by m.pk desc
        limit ${limit + 1}`,
  );
  const page = rows.slice(0, limit);
  for (const row of page)
    hits.push({
      conversationId: row.conversationId,
      title: row.title,
      messageId: row.messageId,
      role: row.role,
      snippet: markedExcerpt(row.content, terms),
      updatedAt: Number(row.updatedAt),
    });
  const last = page.at(-1);
  return { hits, nextCursor: rows.length > limit && last ? Number(last.pk) : null };
}

interface TitleHitRow {
  conversationId: string;
  title: string;
  updatedAt: number;
}

async function searchTitles(
  db: SqlRows,
  ownerId: string,
  terms: string[],
  filters: SearchFilters,
): Promise<SearchHit[]> {
  const where = [
    sql`c.owner_id = ${ownerId}`,
    sql`c.deleted_at is null`,
    ...conversationFilters(filters),
    ...matchesAll(sql`c.title`, terms),
  ];
  const rows = await db.rows<TitleHitRow>(
    sql`select c.id as "conversationId", c.title as "title", c.updated_at as "updatedAt"
        from conversations c
        where ${sql.join(where, sql` and `)}
        order by c.updated_at desc
        limit ${TITLE_HITS}`,
  );
  return rows.map((row) => ({
    conversationId: row.conversationId,
    title: row.title,
    messageId: null,
    role: null,
    snippet: markedExcerpt(row.title, terms),
    updatedAt: Number(row.updatedAt),
  }));
}
