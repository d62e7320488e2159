'use client';

import { lazy, Suspense } from 'react';

/**
 * The markdown renderer (streamdown with remark/rehype, about 140 KB of JavaScript gzipped) is not
 * part of the page's first load. The server renders answers with it as before, so the HTML shows
 * them fully formatted; in the browser its chunk is fetched when the page first needs it (hydrating
 * a stored answer, or the first answer of a new conversation) and React hydrates each answer once it
 * is here, keeping the server's HTML meanwhile (a click on a code block's copy button in that time is
 * replayed after hydration).
 */
const Loaded = lazy(() => import('./markdown').then((module) => ({ default: module.Markdown })));

let requested = false;
/** Fetches the renderer ahead of need (the page calls this when it is idle). */
export function preloadMarkdown(): void {
  if (requested) return;
  requested = true;
  void import('./markdown');
}

export function Markdown({ text, streaming }: { text: string; streaming: boolean }) {
  // Shown only when an answer renders in the browser before the renderer has arrived (a first
  // answer streaming at once): its text as written, until it can be formatted.
  const fallback = (
    <div dir="auto" className="markdown whitespace-pre-wrap break-words text-[15px] leading-7">
      {text}
    </div>
  );
  return (
    <Suspense fallback={fallback}>
      <Loaded text={text} streaming={streaming} />
    </Suspense>
  );
}
