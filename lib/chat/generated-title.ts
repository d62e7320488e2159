import { type ModelMessage, streamText } from 'ai';
import type { Db } from '@/db/client';
import { getConversationSummary, setGeneratedTitle } from '@/db/queries/conversations';
import type { Glm } from '@/lib/glm/provider';
import { languageInstruction } from '@/lib/i18n/language';
import { errorFields, log } from '@/lib/log';
import { StreamHub } from './stream-hub';

/**
 * GLM names a conversation after its first answer: thinking off, a few tokens, low temperature.
 * The title streams to the sidebar (GET /api/conversations/{id}/title) while it is written, and is
 * stored only if the title is still the provisional one (a rename always wins). A failing call
 * changes nothing: the provisional title from `title.ts` stays.
 */

/** The first words of the instructions: the simulator recognises a title request by them. */
export const TITLE_INSTRUCTIONS_START = 'You name chat conversations.';
const TITLE_MAX_TOKENS = 24;
const TITLE_TEMPERATURE = 0.2;
const TITLE_TIMEOUT_MS = 20_000;
const EXCERPT_CHARS = 1500;
const MAX_WORDS = 6;
const MAX_CHARS = 80;

/**
 * The instructions. They ask for the conversation's own language; `languageHint` is
 * lib/i18n's `languageInstruction(question)`, which names the language when the script shows it.
 */
export function titleInstructions(languageHint?: string): string {
  return [
    TITLE_INSTRUCTIONS_START,
    `Write a title of at most ${MAX_WORDS} words for the conversation below, in the same language as the user's message.`,
    'Reply with the title only: no quotes, no final punctuation, no emoji, no explanation.',
    languageHint,
  ]
    .filter(Boolean)
    .join(' ');
}

function excerpt(text: string): string {
  const chars = Array.from(text.trim());
  return chars.length > EXCERPT_CHARS ? `${chars.slice(0, EXCERPT_CHARS).join('')}…` : chars.join('');
}

export function titlePrompt(
  question: string,
  answer: string,
  languageHint?: string,
): { system: string; messages: ModelMessage[] } {
  return {
    system: titleInstructions(languageHint ?? languageInstruction(question)),
    messages: [
      {
        role: 'user',
        content: `<conversation>\nUser: ${excerpt(question)}\n\nAssistant: ${excerpt(answer)}\n</conversation>`,
      },
    ],
  };
}

const QUOTES = /^[\s"'`“”‘’«»「」『』《》〈〉*_#]+|[\s"'`“”‘’«»「」『』《》〈〉*_]+$/gu;
const FINAL_PUNCTUATION = /[\s.。!！?？:：;；,，、…]+$/u;

/** What GLM wrote, as a title: first line, no label, quotes or final punctuation, at most 6 words. */
export function cleanTitle(raw: string): string | undefined {
  let line =
    raw
      .replace(/<think>[\s\S]*?<\/think>/g, '')
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? '';
  line = line.replace(/^(title|标题|タイトル|제목|título)\s*[:：]\s*/iu, '');
  line = line
    .replace(QUOTES, '')
    .replace(FINAL_PUNCTUATION, '')
    .replace(QUOTES, '')
    .replace(/\s+/g, ' ')
    .trim();
  const words = line.split(' ');
  if (words.length > MAX_WORDS) line = words.slice(0, MAX_WORDS).join(' ');
  const chars = Array.from(line);
  if (chars.length > MAX_CHARS) line = chars.slice(0, MAX_CHARS).join('').trim();
  return line.length > 0 ? line : undefined;
}

export type TitleEvent = { type: 'delta'; text: string } | { type: 'done'; title: string };

interface TitleJobEntry {
  ownerId: string;
  hub: StreamHub<TitleEvent>;
}

const holder = globalThis as unknown as { __glmChatTitleJobs?: Map<string, TitleJobEntry> };
function jobs(): Map<string, TitleJobEntry> {
  holder.__glmChatTitleJobs ??= new Map();
  return holder.__glmChatTitleJobs;
}

/** The title being written for a conversation (events from the start), if one is. */
export function subscribeToTitle(
  ownerId: string,
  conversationId: string,
): ReadableStream<TitleEvent> | undefined {
  const job = jobs().get(conversationId);
  return job && job.ownerId === ownerId ? job.hub.subscribe() : undefined;
}

export interface TitleJob {
  /** Writes the title from the first exchange (only for a complete answer), then closes the job. */
  generate(input: { db: Db; glm: Glm; question: string; answer: string; complete: boolean }): Promise<void>;
  /** Ends the job without a GLM title (the turn failed before an answer). */
  close(db: Db): void;
}

/**
 * Opened when a conversation's first turn starts, so a page that asks for the title as soon as
 * the answer ends finds the job waiting rather than nothing.
 */
export function openTitleJob(ownerId: string, conversationId: string): TitleJob {
  let controller!: ReadableStreamDefaultController<TitleEvent>;
  const source = new ReadableStream<TitleEvent>({
    start: (c) => {
      controller = c;
    },
  });
  const entry: TitleJobEntry = { ownerId, hub: new StreamHub(source) };
  jobs().set(conversationId, entry);
  let closed = false;
  const finish = (db: Db) => {
    if (closed) return;
    closed = true;
    let title = '';
    try {
      title = getConversationSummary(db, ownerId, conversationId)?.title ?? '';
    } catch {
      // the database is going away (shutdown): the page keeps what it shows
    }
    controller.enqueue({ type: 'done', title });
    controller.close();
    if (jobs().get(conversationId) === entry) jobs().delete(conversationId);
  };
  return {
    close: finish,
    async generate({ db, glm, question, answer, complete }) {
      try {
        if (!complete || answer.trim() === '') return;
        const result = streamText({
          model: glm.model,
          ...titlePrompt(question, answer),
          maxOutputTokens: TITLE_MAX_TOKENS,
          temperature: TITLE_TEMPERATURE,
          maxRetries: 1,
          abortSignal: AbortSignal.timeout(TITLE_TIMEOUT_MS),
          providerOptions: glm.providerOptions({ thinking: false }),
          onError: () => {
            // read from the stream below (an error part), logged once there
          },
        });
        let raw = '';
        for await (const part of result.fullStream) {
          if (part.type === 'text-delta') {
            raw += part.text;
            controller.enqueue({ type: 'delta', text: part.text });
          } else if (part.type === 'error') {
            throw part.error;
          }
        }
        const title = cleanTitle(raw);
        if (title) setGeneratedTitle(db, ownerId, conversationId, title);
      } catch (error) {
        log('warn', 'could not generate a title', { conversationId, ...errorFields(error) });
      } finally {
        finish(db);
      }
    },
  };
}
