import { convertToModelMessages, safeValidateUIMessages, type UIMessage } from 'ai';
import { ValidationError } from '@/lib/errors';
import type { ImportedConversation } from './format';

/** Messages checked per step; the import yields to other requests between steps. */
const BATCH_MESSAGES = 250;

interface ZodIssueLike {
  code?: string;
  path?: PropertyKey[];
  message?: string;
  errors?: ZodIssueLike[][];
}

/**
 * The SDK's complaint about one part, in words: of its union of part shapes, the branch whose type
 * and state match says what is missing (e.g. `approval: Invalid input: expected object`).
 */
function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { issues?: ZodIssueLike[] } }).cause;
  const issue = cause?.issues?.[0];
  if (!issue) return error instanceof Error ? error.message.split('\n')[0] : String(error);
  const branches = issue.code === 'invalid_union' ? (issue.errors ?? []) : [[issue]];
  const matching = branches.find((branch) =>
    branch.every((i) => !['type', 'state', 'dynamic'].includes(String(i.path?.at(-1) ?? ''))),
  );
  const found = matching?.[0] ?? branches[0]?.[0] ?? issue;
  const field = (found.path ?? []).filter((key) => typeof key === 'string').join('.');
  return `${field ? `${field}: ` : ''}${found.message ?? 'not a part the AI SDK reads'}`;
}

function refuse(where: string, part: { type?: unknown; state?: unknown }, reason: string): never {
  const kind = typeof part.type === 'string' ? `"${part.type}" part` : 'part';
  const state = typeof part.state === 'string' ? ` in state "${part.state}"` : '';
  throw new ValidationError(
    `This file has a ${kind}${state} at ${where} that could not be sent to GLM again (${reason}). Nothing was imported.`,
    'file',
  );
}

/** Finds the part the SDK refuses in a batch that failed as a whole, and refuses the file there. */
async function locate(conversationIndex: number, start: number, batch: UIMessage[]): Promise<never> {
  for (const [offset, message] of batch.entries()) {
    for (const [partIndex, part] of message.parts.entries()) {
      const where = `conversations[${conversationIndex}].messages[${start + offset}].parts[${partIndex}]`;
      const one: UIMessage = { ...message, parts: [part] };
      const checked = await safeValidateUIMessages({ messages: [one] });
      if (!checked.success) refuse(where, part, reasonOf(checked.error));
      try {
        await convertToModelMessages([one]);
      } catch (error) {
        refuse(where, part, reasonOf(error));
      }
    }
  }
  throw new ValidationError(
    `This file has messages in conversations[${conversationIndex}] that could not be sent to GLM again. Nothing was imported.`,
    'file',
  );
}

/**
 * Every imported message's parts must be ones the AI SDK reads back: the next turn of an imported
 * conversation sends its thread through `convertToModelMessages`, and a part the SDK cannot read
 * (a denied tool call without its approval, a tool output without a state it knows) would fail
 * that turn. Checked with the SDK's own schema of UI messages and its own conversion, before
 * anything is written; a failure names the part (`conversations[0].messages[3].parts[1]`).
 */
export async function assertModelReadable(conversations: readonly ImportedConversation[]): Promise<void> {
  for (const [conversationIndex, conversation] of conversations.entries()) {
    for (let start = 0; start < conversation.messages.length; start += BATCH_MESSAGES) {
      const batch: UIMessage[] = conversation.messages
        .slice(start, start + BATCH_MESSAGES)
        .map((m) => ({ id: m.id, role: m.role, parts: m.parts as UIMessage['parts'] }));
      // A message without parts has nothing to convert (the SDK's schema wants one in a question).
      const withParts = batch.filter((m) => m.parts.length > 0);
      if (withParts.length > 0) {
        const checked = await safeValidateUIMessages({ messages: withParts });
        let converted = checked.success;
        if (converted) {
          try {
            await convertToModelMessages(withParts);
          } catch {
            converted = false;
          }
        }
        if (!converted) await locate(conversationIndex, start, batch);
      }
      // Other requests are answered between steps of a large import.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
