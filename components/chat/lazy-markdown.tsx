'use client';

import { Suspense, startTransition, use, useEffect, useState } from 'react';
import { whenIdle } from '@/components/ui/when-idle';

/**
 * The markdown renderer (streamdown with remark/rehype, about 140 KB of JavaScript gzipped) is not
 * part of the page's first load. The server renders answers with it as before, so the HTML shows
 * them fully formatted. In the browser its chunk is fetched when the page first needs it (hydrating
 * a stored answer), when the page is idle, or before the chat's first request; React hydrates each
 * stored answer once it is here, keeping the server's HTML meanwhile (a click on a code block's copy
 * button in that time is replayed after hydration).
 */
type Module = typeof import('./markdown');
type Renderer = Module['Markdown'];
let renderer: Renderer | undefined;
let warmUp: Module['WarmUp'] | undefined;
let hasRendered: Module['hasRendered'] = () => false;
let loading: Promise<Renderer> | undefined;

/**
 * Fetches the renderer (once). The page calls this when it is idle, and the chat waits for it
 * before its first request, so an answer rendered in the browser never has to wait for it.
 */
export function loadMarkdown(): Promise<Renderer> {
  loading ??= import('./markdown').then((module) => {
    warmUp = module.WarmUp;
    hasRendered = module.hasRendered;
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

/**
 * Renders a small hidden answer once, when the page is idle after the renderer has loaded, then
 * unmounts it. The first answer a page rendered paid for the renderer's first run — V8 compiling
 * remark, rehype, parse5 and streamdown on first call, their caches and configurations being built —
 * inside the render of its first tokens: one long task of 60–130 ms as the answer began (B5). Here
 * that work is done ahead, in a transition React time-slices, where the reader does not wait on it.
 */
export function MarkdownWarmUp() {
  const [WarmUp, setWarmUp] = useState<Module['WarmUp'] | null>(null);
  const [done, setDone] = useState(false);
  useEffect(() => {
    let cancelIdle = whenIdle(() => {
      void loadMarkdown().then(() => {
        cancelIdle = whenIdle(() => {
          // (Not needed where answers were rendered already: stored ones, as the page opened.)
          if (!hasRendered()) startTransition(() => setWarmUp(() => warmUp ?? null));
        });
      });
    });
    return () => cancelIdle();
  }, []);
  // Committed once: that was the point; take it away.
  useEffect(() => {
    if (WarmUp) startTransition(() => setDone(true));
  }, [WarmUp]);
  if (!WarmUp || done) return null;
  return (
    <div hidden aria-hidden data-testid="markdown-warm-up">
      <WarmUp />
    </div>
  );
}
