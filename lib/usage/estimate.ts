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

export function estimateTokens(text: string): number {
  if (text === '') return 0;
  let cjk = 0;
  let other = 0;
  for (const char of text) {
    if (CJK.test(char)) cjk++;
    else other++;
  }
  return cjk + Math.ceil(other / LATIN_CHARS_PER_TOKEN);
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
