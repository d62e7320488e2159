import type { Db } from '@/db/client';
import { conversationsForExport } from '@/db/queries/transfer';
import { NotFoundError } from '@/lib/errors';
import { EXPORT_FORMAT, EXPORT_VERSION, type GlmChatExport } from './format';
import { conversationsToMarkdown } from './markdown';

export type ExportFormat = 'json' | 'markdown';

/** Every conversation of the owner, or just one (404 when it is not theirs). */
export function buildExport(
  db: Db,
  ownerId: string,
  conversationId?: string,
  now = Date.now(),
): GlmChatExport {
  const conversations = conversationsForExport(db, ownerId, conversationId ? [conversationId] : undefined);
  if (conversationId && conversations.length === 0) throw new NotFoundError('Conversation not found');
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: now, conversations };
}

/** A file name made of the title's letters and digits (any script), or a fallback. */
function fileStem(title: string | undefined, fallback: string): string {
  const stem = (title ?? '')
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return stem || fallback;
}

/** The export as a download: JSON (every branch) or Markdown (the active branches, readable). */
export function exportResponse(data: GlmChatExport, format: ExportFormat, single: boolean): Response {
  const day = new Date(data.exportedAt).toISOString().slice(0, 10);
  const stem = single ? fileStem(data.conversations[0]?.title, 'conversation') : `glm-chat-${day}`;
  const name = `${stem}.${format === 'json' ? 'json' : 'md'}`;
  const body =
    format === 'json' ? JSON.stringify(data, null, 2) : conversationsToMarkdown(data.conversations);
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return new Response(body, {
    headers: {
      'content-type': format === 'json' ? 'application/json; charset=utf-8' : 'text/markdown; charset=utf-8',
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'cache-control': 'no-store',
    },
  });
}
