import { z } from 'zod';
import type { ConversationCursor } from '@/db/queries/conversations';
import type { SearchFilters } from '@/db/queries/search';
import { idSchema } from '@/lib/chat/request';
import { NotFoundError } from '@/lib/errors';
import { parseWith } from '@/lib/http/body';

export const MAX_TITLE_CHARS = 120;
export const MAX_QUERY_CHARS = 200;

/** A conversation id from the path: anything malformed is simply not found. */
export function conversationId(raw: string): string {
  const parsed = idSchema.safeParse(raw);
  if (!parsed.success) throw new NotFoundError('Conversation not found');
  return parsed.data;
}

export const titleSchema = z
  .string()
  .transform((t) => t.replace(/\s+/g, ' ').trim())
  .pipe(
    z
      .string()
      .min(1, 'a title cannot be empty')
      .refine(
        (t) => Array.from(t).length <= MAX_TITLE_CHARS,
        `a title has at most ${MAX_TITLE_CHARS} characters`,
      ),
  );

/** PATCH /api/conversations/{id}: rename, pin, archive (any of them, at least one). */
export const conversationPatchSchema = z
  .object({
    title: titleSchema.optional(),
    pinned: z.boolean().optional(),
    archived: z.boolean().optional(),
  })
  .strict()
  .refine((p) => p.title !== undefined || p.pinned !== undefined || p.archived !== undefined, {
    message: 'nothing to change',
  });

const cursorSchema = z.object({
  pinned: z.boolean(),
  updatedAt: z.number().int(),
  id: idSchema,
});

export function encodeCursor(cursor: ConversationCursor | null): string | null {
  return cursor ? Buffer.from(JSON.stringify(cursor)).toString('base64url') : null;
}

function decodeCursor(raw: string): unknown {
  try {
    return JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}

const flag = z
  .enum(['1', 'true', '0', 'false'])
  .optional()
  .transform((v) => v === '1' || v === 'true');

const listQuerySchema = z.object({
  archived: flag,
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

/** GET /api/conversations?archived=1&cursor=…&limit=… */
export function parseListQuery(url: URL): {
  archived: boolean;
  cursor: ConversationCursor | null;
  limit?: number;
} {
  const query = parseWith(listQuerySchema, Object.fromEntries(url.searchParams), 'query');
  const cursor = query.cursor ? parseWith(cursorSchema, decodeCursor(query.cursor), 'cursor') : null;
  return { archived: query.archived, cursor, limit: query.limit };
}

const searchQuerySchema = z.object({
  q: z.string().max(MAX_QUERY_CHARS, `a search has at most ${MAX_QUERY_CHARS} characters`).default(''),
  pinned: flag,
  archived: flag,
  shared: flag,
  cursor: z.coerce.number().int().positive().optional(),
});

/** GET /api/search?q=…&pinned=1&archived=1&shared=1&cursor=… */
export function parseSearchQuery(url: URL): { q: string; filters: SearchFilters; cursor: number | null } {
  const query = parseWith(searchQuerySchema, Object.fromEntries(url.searchParams), 'query');
  return {
    q: query.q,
    filters: { pinned: query.pinned, archived: query.archived, shared: query.shared },
    cursor: query.cursor ?? null,
  };
}
