/**
 * A "token" is roughly a word or a run of punctuation with the whitespace before it (like `" need"` in
 * recorded traffic); words longer than 8 code points are broken. Joining the tokens gives the text back.
 */

const PIECE = /\s+|[\p{L}\p{N}\p{M}_'’]+|[^\p{L}\p{N}\p{M}_'’\s]+/gu;
const MAX_TOKEN_CODE_POINTS = 8;

export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let pendingSpace = '';
  for (const match of text.matchAll(PIECE)) {
    const piece = match[0];
    if (/^\s/u.test(piece)) {
      pendingSpace += piece;
      continue;
    }
    const codePoints = Array.from(piece);
    for (let i = 0; i < codePoints.length; i += MAX_TOKEN_CODE_POINTS) {
      tokens.push(pendingSpace + codePoints.slice(i, i + MAX_TOKEN_CODE_POINTS).join(''));
      pendingSpace = '';
    }
  }
  if (pendingSpace !== '') {
    if (tokens.length === 0) tokens.push(pendingSpace);
    else tokens[tokens.length - 1] += pendingSpace;
  }
  return tokens;
}

export function countTokens(text: string): number {
  return tokenize(text).length;
}

/** The first `n` tokens of `text`, joined back. */
export function firstTokens(text: string, n: number): string {
  return tokenize(text).slice(0, Math.max(0, n)).join('');
}
