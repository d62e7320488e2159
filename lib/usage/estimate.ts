/**
 * A cheap token estimator for text not yet sent (the draft) and for messages whose exact count GLM
 * never reported on their own. GLM-4.7's tokenizer (vocab 154,880) packs about 3.5–4 Latin-script
 * characters into a token and about one CJK character (Han, kana, hangul) per token. We count:
 *   - each CJK / fullwidth character as 1 token,
 *   - every other character as 1/3.5 token (rounded up over the whole text),
 * which errs on the side of more tokens (safer for the context check). Exact numbers come from the
 * usage GLM reports after each answer; this only fills the gap until then.
 */

import type { ChatUIMessage } from '@/lib/chat/types';

const CJK =
  /[\u1100-\u11ff\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3130-\u318f\u31a0-\u31ff\u3200-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]|[\u{20000}-\u{2fa1f}]/u;

export const LATIN_CHARS_PER_TOKEN = 3.5;
/** The chat template's role markers etc. around each message (`<|user|>`…). */
export const TOKENS_PER_MESSAGE = 4;

const CJK_ALL = new RegExp(CJK.source, 'gu');
const ASTRAL = /[\ud800-\udbff][\udc00-\udfff]/g;

/** Counted with two native regex scans, not a test per character: the meter runs it on every render of a streaming answer. */
export function estimateTokens(text: string): number {
  if (text === '') return 0;
  const characters = text.length - (text.match(ASTRAL)?.length ?? 0);
  const cjk = text.match(CJK_ALL)?.length ?? 0;
  return cjk + Math.ceil((characters - cjk) / LATIN_CHARS_PER_TOKEN);
}

/** What a stored message costs in the prompt: its text, reasoning (sent back to GLM) and tool calls. */
export function estimateMessageTokens(message: Pick<ChatUIMessage, 'parts'>): number {
  let tokens = TOKENS_PER_MESSAGE;
  for (const part of message.parts) {
    if (part.type === 'text' || part.type === 'reasoning') tokens += estimateTokens(part.text);
    else if (part.type.startsWith('tool-') || part.type === 'dynamic-tool') {
      const p = part as { input?: unknown; output?: unknown };
      tokens += estimateTokens(JSON.stringify(p.input ?? null) + JSON.stringify(p.output ?? null));
    }
  }
  return tokens;
}
