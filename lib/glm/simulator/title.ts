/**
 * Title requests: the app asks GLM to name a conversation after its first answer (thinking off, a
 * few tokens). The simulator recognises them by the instructions' first sentence and answers with
 * a short deterministic title on the same wire format as any other answer.
 */

import type { ChatMessage } from './request';
import { textOf } from './request';
import type { Script, ScriptEvent } from './scenario';
import { tokenize } from './tokens';

/** Must match TITLE_INSTRUCTIONS_START in lib/chat/generated-title.ts (a test checks they agree). */
export const TITLE_REQUEST_MARK = 'You name chat conversations.';

/**
 * The user's first message quoted in a title request (`User: …` inside `<conversation>`), or null
 * when the request is not a title request.
 */
export function titleRequestQuestion(messages: ChatMessage[]): string | null {
  const system = messages.find((m) => m.role === 'system');
  if (!system || !textOf(system.content).startsWith(TITLE_REQUEST_MARK)) return null;
  const user = [...messages].reverse().find((m) => m.role === 'user');
  const text = user ? textOf(user.content) : '';
  const match = /User: ([\s\S]*?)\n\nAssistant:/.exec(text);
  return match ? match[1] : text;
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/u;

/**
 * "Notes on" and the question's first four words (Latin scripts), or its first eight characters
 * (Chinese, Japanese, Korean): short, in the question's script, different from the provisional
 * title (which is the question's first line).
 */
export function simulatedTitle(question: string): string {
  const line =
    question
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? '';
  if (line === '') return 'A new conversation';
  if (CJK.test(line))
    return `${Array.from(line.replace(/[\s\p{P}]/gu, ''))
      .slice(0, 8)
      .join('')}`;
  const words = line
    .replace(/[\p{P}\p{S}]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 4);
  return `Notes on ${words.join(' ')}`;
}

export function titleScript(question: string): Script {
  const events: ScriptEvent[] = tokenize(simulatedTitle(question)).map((text) => ({ type: 'content', text }));
  return { events, ending: { type: 'finish', reason: 'stop' }, preamble: true };
}
