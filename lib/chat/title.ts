const MAX_TITLE_LENGTH = 80;

/** A provisional title from the first message: its first line, trimmed to a readable length. */
export function titleFromText(text: string): string {
  const line = text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 0);
  if (!line) return 'New chat';
  const chars = Array.from(line.replace(/\s+/g, ' '));
  return chars.length > MAX_TITLE_LENGTH ? `${chars.slice(0, MAX_TITLE_LENGTH - 1).join('')}…` : line;
}
