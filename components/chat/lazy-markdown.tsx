'use client';

import { Suspense, use } from 'react';

/**
 * The markdown renderer (streamdown with remark/rehype, about 140 KB of JavaScript gzipped) is not
 * part of the page's first load. The server renders answers with it as before, so the HTML shows
 * them fully formatted. In the browser its chunk is fetched when the page first needs it (hydrating
 * a stored answer), when the page is idle, or before the chat's first request; React hydrates each
 * stored answer once it is here, keeping the server's HTML meanwhile (a click on a code block's copy
 * button in that time is replayed after hydration).
 */
type Renderer = typeof import('./markdown')['Markdown'];
let renderer: Renderer | undefined;
let loading: Promise<Renderer> | undefined;

/**
 * Fetches the renderer (once). The page calls this when it is idle, and the chat waits for it
 * before its first request, so an answer rendered in the browser never has to wait for it.
 */
export function loadMarkdown(): Promise<Renderer> {
  loading ??= import('./markdown').then((module) => {
    renderer = module.Markdown;
    return renderer;
  });
  return loading;
}

export const isMarkdownLoaded = () => renderer !== undefined;

function Loaded(props: { text: string; streaming: boolean }) {
  // Here already: rendered at once. Not yet: suspends (the server waits; hydration keeps its HTML).
  const Renderer = renderer ?? use(loadMarkdown());
  return <Renderer {...props} />;
}

export function Markdown({ text, streaming }: { text: string; streaming: boolean }) {
  // Shown only when an answer renders in the browser before the renderer has arrived (one polled
  // from another tab right after the page opened): its text as written, until it can be formatted.
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
