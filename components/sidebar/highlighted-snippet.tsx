import { Fragment } from 'react';
import { MATCH_END, MATCH_START } from '@/db/queries/search-markers';

/**
 * A search snippet with its matches in <mark>. The snippet is plain text with private-use markers
 * around matches (set by the server); it is split on them and rendered as React text, so nothing
 * from the database is ever parsed as HTML.
 */
export function HighlightedSnippet({ text }: { text: string }) {
  const pieces: Array<{ text: string; match: boolean }> = [];
  let rest = text;
  while (rest.length > 0) {
    const start = rest.indexOf(MATCH_START);
    if (start < 0) {
      pieces.push({ text: rest, match: false });
      break;
    }
    if (start > 0) pieces.push({ text: rest.slice(0, start), match: false });
    const end = rest.indexOf(MATCH_END, start + 1);
    const stop = end < 0 ? rest.length : end;
    pieces.push({ text: rest.slice(start + 1, stop), match: true });
    rest = end < 0 ? '' : rest.slice(end + 1);
  }
  return (
    <>
      {pieces.map((piece, i) =>
        piece.match ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one immutable string
          <mark key={i} className="rounded-sm bg-amber-300/60 text-inherit dark:bg-amber-500/40">
            {piece.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one immutable string
          <Fragment key={i}>{piece.text}</Fragment>
        ),
      )}
    </>
  );
}
