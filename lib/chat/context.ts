/**
 * The context window: what part of the thread is sent to GLM, and how to make room when it no longer
 * fits — drop the oldest turns, or compact them into a summary GLM writes (thinking off).
 */

import { convertToModelMessages, generateText } from 'ai';
import { ValidationError } from '@/lib/errors';
import type { Glm } from '@/lib/glm/provider';
import { languageInstruction } from '@/lib/i18n/language';
import { summaryTokens } from '@/lib/usage/context-meter';
import { estimateMessageTokens } from '@/lib/usage/estimate';
import type { ContextSummary, ConversationContext } from './context-types';
import { toMessageUsage } from './metadata';
import type { ChatUIMessage } from './types';

export type { ContextSummary, ConversationContext } from './context-types';
export { summaryTokens };

/** The heading the summary is sent (and shown) under. */
export const SUMMARY_HEADING = 'Summary of earlier conversation';

/**
 * Room kept for the answer: the conversation's max completion tokens when it sets one (a positive
 * whole number; read defensively from `settings.model.maxCompletionTokens` — where the settings panel
 * keeps it — or a top-level `max_completion_tokens`), else the configured reserve.
 */
export function completionReserve(
  settings: Record<string, unknown> | undefined,
  fallback: number,
  /** The window: the room is at most half of it, so a huge max never leaves nothing to keep. */
  window = Number.POSITIVE_INFINITY,
): number {
  const model = settings?.model;
  const candidates = [
    model && typeof model === 'object' ? (model as Record<string, unknown>).maxCompletionTokens : undefined,
    model && typeof model === 'object' ? (model as Record<string, unknown>).max_completion_tokens : undefined,
    settings?.max_completion_tokens,
  ];
  for (const value of candidates) {
    if (typeof value === 'number' && Number.isInteger(value) && value > 0) {
      return Math.min(value, Math.floor(window / 2));
    }
  }
  return fallback;
}

/** The most tokens a summary may take: an eighth of the window, at most 1,024. */
export function summaryBudget(window: number): number {
  return Math.max(64, Math.min(1024, Math.floor(window / 8)));
}

/** Index of the context start on this branch, or -1 when there is none (or it is on another branch). */
export function contextStartIndex(thread: ChatUIMessage[], context: ConversationContext | null): number {
  if (!context) return -1;
  return thread.findIndex((m) => m.id === context.startMessageId);
}

/**
 * The summary as GLM gets it: a user-role message (not system — the text is model output about
 * untrusted content, so it gets no more authority than the turns it replaces; and the system slot
 * stays the conversation's system prompt).
 */
function summaryMessage(summary: ContextSummary): ChatUIMessage {
  return {
    id: 'context-summary',
    role: 'user',
    parts: [
      {
        type: 'text',
        text: `${SUMMARY_HEADING} (it replaces the ${summary.replacedMessages} earliest messages, which are not shown to you):\n\n${summary.text}`,
      },
    ],
  };
}

/** The messages GLM gets: from the context start on (with the summary first), or the whole branch. */
export function messagesForModel(
  thread: ChatUIMessage[],
  context: ConversationContext | null,
): ChatUIMessage[] {
  const start = contextStartIndex(thread, context);
  if (start < 0 || !context) return thread;
  const kept = thread.slice(start);
  return context.summary ? [summaryMessage(context.summary), ...kept] : kept;
}

export interface CutPlan {
  /** Index in the thread of the first message still sent. */
  startIndex: number;
  /** Estimated tokens of the kept messages (summary not included). */
  keptTokens: number;
  /** False when even keeping only the last turn leaves the request over the window. */
  fits: boolean;
}

/**
 * Chooses where the context should start so that the kept turns + the draft + the room for the answer
 * (+ the summary, when compacting) fit the window. Cuts only at a user message, drops at least one turn
 * beyond the current start, and always keeps the last user message (the one being answered).
 */
export function planCut(
  thread: ChatUIMessage[],
  options: {
    window: number;
    reserve: number;
    draftTokens: number;
    mode: 'drop' | 'compact';
    context: ConversationContext | null;
  },
): CutPlan {
  const current = Math.max(0, contextStartIndex(thread, options.context));
  const tokens = thread.map((m) => estimateMessageTokens(m));
  const suffix: number[] = new Array(thread.length + 1).fill(0);
  for (let i = thread.length - 1; i >= 0; i--) suffix[i] = suffix[i + 1] + tokens[i];
  // The last turn on the branch is always kept: it is being answered, or the draft follows it.
  const lastUser = thread.findLastIndex((m) => m.role === 'user');
  const candidates: number[] = [];
  for (let i = current + 1; i <= lastUser; i++) {
    if (thread[i].role === 'user') candidates.push(i);
  }
  if (candidates.length === 0) {
    throw new ValidationError(
      'There are no earlier turns left to drop: the latest message alone is too long for the context window.',
    );
  }
  const extra =
    options.draftTokens + options.reserve + (options.mode === 'compact' ? summaryBudget(options.window) : 0);
  for (const i of candidates) {
    if (suffix[i] + extra <= options.window) return { startIndex: i, keptTokens: suffix[i], fits: true };
  }
  const last = candidates[candidates.length - 1];
  return { startIndex: last, keptTokens: suffix[last], fits: false };
}

/**
 * The instruction for the summary, in the conversation's own language (lib/i18n's
 * `languageInstruction` names the language when the messages' script tells it).
 */
export function summaryInstruction(sampleText: string): string {
  return [
    'Summarise the conversation above so that it can replace it as context for the rest of the conversation.',
    languageInstruction(sampleText),
    'Keep every fact, decision, name, number, piece of code and open question the rest of the conversation may need; leave out pleasantries.',
    'Answer with the summary only, as short paragraphs or bullet points, without a preamble.',
  ].join(' ');
}

/** What the user wrote in these messages (the language sample for the summary). */
function userText(messages: ChatUIMessage[]): string {
  return messages
    .filter((m) => m.role === 'user')
    .flatMap((m) => m.parts.map((p) => (p.type === 'text' ? p.text : '')))
    .join('\n')
    .slice(0, 4000);
}

/**
 * Asks GLM (thinking off, one non-streaming call) for a summary of `messages` — the turns being
 * replaced, after any earlier summary. Returns the summary and what the call used.
 */
export async function writeSummary(input: {
  glm: Glm;
  messages: ChatUIMessage[];
  previous?: ContextSummary;
  maxOutputTokens: number;
  maxRetries: number;
}): Promise<{ text: string; usage: ReturnType<typeof toMessageUsage> }> {
  const history = input.previous ? [summaryMessage(input.previous), ...input.messages] : input.messages;
  const instruction: ChatUIMessage = {
    id: 'summary-request',
    role: 'user',
    parts: [{ type: 'text', text: summaryInstruction(userText(input.messages)) }],
  };
  const result = await generateText({
    model: input.glm.model,
    messages: await convertToModelMessages([...history, instruction], { ignoreIncompleteToolCalls: true }),
    maxOutputTokens: input.maxOutputTokens,
    maxRetries: input.maxRetries,
    providerOptions: input.glm.providerOptions({ thinking: false }),
  });
  const text = result.text.trim();
  if (text === '')
    throw new ValidationError('GLM returned an empty summary. Try again, or drop the oldest turns instead.');
  return { text, usage: toMessageUsage(result.totalUsage) };
}
