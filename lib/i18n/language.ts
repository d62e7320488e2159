/**
 * The language of a conversation, for the prompts that make GLM write something about it (its
 * title, a summary of compacted context): those must come out in the conversation's language, not
 * in the language of the prompt (English) or of the UI.
 *
 *   const prompt = [TITLE_PROMPT, languageInstruction(firstUserMessage)].join('\n');
 */

export type Script =
  | 'latin'
  | 'han'
  | 'japanese'
  | 'hangul'
  | 'arabic'
  | 'hebrew'
  | 'cyrillic'
  | 'greek'
  | 'thai'
  | 'devanagari'
  | 'unknown';

const SCRIPTS: { script: Exclude<Script, 'japanese' | 'unknown'>; pattern: RegExp }[] = [
  { script: 'latin', pattern: /\p{Script=Latin}/u },
  { script: 'han', pattern: /\p{Script=Han}/u },
  { script: 'hangul', pattern: /\p{Script=Hangul}/u },
  { script: 'arabic', pattern: /\p{Script=Arabic}/u },
  { script: 'hebrew', pattern: /\p{Script=Hebrew}/u },
  { script: 'cyrillic', pattern: /\p{Script=Cyrillic}/u },
  { script: 'greek', pattern: /\p{Script=Greek}/u },
  { script: 'thai', pattern: /\p{Script=Thai}/u },
  { script: 'devanagari', pattern: /\p{Script=Devanagari}/u },
];
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** What a script is usually written for, to name it in a prompt (Latin script names no language). */
const SCRIPT_LANGUAGE: Partial<Record<Script, string>> = {
  han: 'Chinese',
  japanese: 'Japanese',
  hangul: 'Korean',
  arabic: 'Arabic (or another language in Arabic script)',
  hebrew: 'Hebrew',
  cyrillic: 'a language in Cyrillic script (e.g. Russian)',
  greek: 'Greek',
  thai: 'Thai',
  devanagari: 'a language in Devanagari script (e.g. Hindi)',
};

/**
 * The script most of the text's letters are in, with its share of the letters (0–1). Kana among
 * Han makes it Japanese (Japanese mixes kanji and kana; Chinese has no kana). Code, markup and
 * digits count for nothing, so a Chinese question about a JavaScript error is still Chinese…
 * unless the English in it outweighs the Chinese.
 */
export function dominantScript(text: string): { script: Script; share: number } {
  const counts = new Map<Script, number>();
  let letters = 0;
  let kana = 0;
  for (const char of text.slice(0, 4000)) {
    if (KANA.test(char)) {
      kana++;
      letters++;
      continue;
    }
    const found = SCRIPTS.find((s) => s.pattern.test(char));
    if (!found) continue;
    letters++;
    // A CJK character is worth about as much text as a Latin word: weigh them up so a few
    // English terms in a Chinese sentence do not outvote it.
    const weight = found.script === 'han' || found.script === 'hangul' ? 3 : 1;
    counts.set(found.script, (counts.get(found.script) ?? 0) + weight);
  }
  if (kana > 0) counts.set('japanese', (counts.get('japanese') ?? 0) + (counts.get('han') ?? 0) + kana * 3);
  if (kana > 0) counts.delete('han');
  let best: Script = 'unknown';
  let bestCount = 0;
  let total = 0;
  for (const [script, count] of counts) {
    total += count;
    if (count > bestCount) {
      best = script;
      bestCount = count;
    }
  }
  if (letters === 0) return { script: 'unknown', share: 0 };
  return { script: best, share: bestCount / total };
}

/** The language a script usually stands for, in English, or undefined (Latin, unknown). */
export function languageOfScript(script: Script): string | undefined {
  return SCRIPT_LANGUAGE[script];
}

/**
 * One line to add to a title or summary prompt so that GLM writes in the conversation's
 * language. `sampleText` is some of the conversation (its first user message is enough for a
 * title; the messages being summarised for a summary).
 */
export function languageInstruction(sampleText: string): string {
  const base =
    'Write it in the language of the conversation (the language the user writes in), not in English unless the conversation is in English; do not translate.';
  const language = languageOfScript(dominantScript(sampleText).script);
  return language ? `${base} The conversation is in ${language}.` : base;
}
