import type { z } from 'zod';
import type { Db } from '@/db/client';
import { type ImportCounts, insertImportedConversations } from '@/db/queries/transfer';
import { ValidationError } from '@/lib/errors';
import { chatGptExportSchema, convertChatGptExport } from './chatgpt';
import { EXPORT_FORMAT, EXPORT_VERSION, glmChatExportSchema, type ImportedConversation } from './format';
import { assertModelReadable } from './model-readable';

/** Validates the file; a failure names the place in the file, e.g. `conversations[0].messages[3].role`. */
function parseFile<S extends z.ZodType>(schema: S, json: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = (issue?.path ?? [])
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
  throw new ValidationError(
    `This ${what} has something unexpected${where ? ` at ${where}` : ''}: ${issue?.message ?? 'invalid value'}. Nothing was imported.`,
    'file',
  );
}

/** The largest file an import reads (a ChatGPT export of years of chats is tens of megabytes). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export type ImportSource = 'glm-chat' | 'chatgpt';

export interface ImportResult extends ImportCounts {
  source: ImportSource;
}

/** Which app wrote the file, from its shape: ours is `{ format: 'glm-chat', … }`, ChatGPT's an array. */
export function conversationsInFile(json: unknown): {
  source: ImportSource;
  conversations: ImportedConversation[];
} {
  if (Array.isArray(json)) {
    const list = parseFile(chatGptExportSchema, json, 'ChatGPT export');
    return { source: 'chatgpt', conversations: convertChatGptExport(list) };
  }
  if (json && typeof json === 'object' && (json as { format?: unknown }).format === EXPORT_FORMAT) {
    const version = (json as { version?: unknown }).version;
    if (version !== EXPORT_VERSION)
      throw new ValidationError(
        `This GLM Chat export is format version ${String(version)}; this server reads version ${EXPORT_VERSION}.`,
        'file',
      );
    const file = parseFile(glmChatExportSchema, json, 'GLM Chat export');
    // Checked by the schema; parts keep every field they had, as the UI message types describe them.
    return { source: 'glm-chat', conversations: file.conversations as unknown as ImportedConversation[] };
  }
  throw new ValidationError(
    'This file is neither a GLM Chat export (JSON) nor a ChatGPT conversations.json.',
    'file',
  );
}

/**
 * Imports a file's conversations into `ownerId`'s account, all or nothing: a malformed file (or a
 * part the AI SDK cannot read back) is a 400 that names what is wrong, and nothing is written.
 */
export async function importConversations(db: Db, ownerId: string, text: string): Promise<ImportResult> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ValidationError('The file is not valid JSON.', 'file');
  }
  const { source, conversations } = conversationsInFile(json);
  if (conversations.length === 0) throw new ValidationError('The file holds no conversations.', 'file');
  // A part the AI SDK cannot read back would fail the next turn of that conversation.
  await assertModelReadable(conversations);
  return { source, ...insertImportedConversations(db, ownerId, conversations) };
}
