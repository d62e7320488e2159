'use client';

import { cjk } from '@streamdown/cjk';
import type { MathPlugin } from '@streamdown/math';
import { ImageOff } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type ComponentProps, memo, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { harden } from 'rehype-harden';
import {
  Block,
  type BlockProps,
  defaultRehypePlugins,
  defaultTranslations,
  Streamdown,
  type StreamdownProps,
  type StreamdownTranslations,
} from 'streamdown';
import 'katex/dist/katex.min.css';
import { lazyCode } from './lazy-code';
import { lazyMermaid } from './lazy-mermaid';
import { rehypeTextDirection } from './markdown-direction';

// Model output is untrusted. Raw HTML goes through rehype-sanitize (streamdown's default), then
// rehype-harden keeps only http(s) and mail links and http(s) images ("*" never admits javascript:,
// data:, file: or vbscript:). Images are then only fetched when the reader asks (below).
const rehypePlugins: StreamdownProps['rehypePlugins'] = [
  defaultRehypePlugins.raw,
  defaultRehypePlugins.sanitize,
  [
    harden,
    {
      allowedLinkPrefixes: ['*'],
      allowedImagePrefixes: ['*'],
      allowDataImages: false,
      linkBlockPolicy: 'text-only',
      imageBlockPolicy: 'indicator',
    },
  ],
  rehypeTextDirection,
];

// Heavy renderers load when an answer needs them: diagrams, code highlighting and math (below).
const mermaid = lazyMermaid();
const code = lazyCode();

/**
 * KaTeX (about 75 KB of JavaScript gzipped) is loaded the first time an answer has math in it, not
 * with every page. Until it is here, math shows as its source; the server never loads it, so the
 * first client render always matches the server's.
 */
let mathPlugin: MathPlugin | undefined;
let mathLoading: Promise<MathPlugin> | undefined;
export function loadMath(): Promise<MathPlugin> {
  mathLoading ??= import('@streamdown/math').then((module) => {
    mathPlugin = module.math;
    return module.math;
  });
  return mathLoading;
}
/** `$$…$$` (block or inline); single dollars are not math in this renderer. */
const HAS_MATH = /\$\$/;

function usePlugins(text: string): StreamdownProps['plugins'] {
  const needed = HAS_MATH.test(text);
  const [math, setMath] = useState(() => mathPlugin);
  useEffect(() => {
    if (needed && !math) void loadMath().then(setMath);
  }, [needed, math]);
  // cjk: emphasis and autolinks that work beside Chinese and Japanese punctuation (`**粗体**。`).
  return useMemo(() => ({ code, mermaid, cjk, ...(math ? { math } : {}) }), [math]);
}

const STREAMDOWN_KEYS = Object.keys(defaultTranslations) as (keyof StreamdownTranslations)[];

/** streamdown's own controls (copy code, download table…) in the UI language. */
function useStreamdownTranslations(): StreamdownTranslations {
  const t = useTranslations('streamdown');
  return useMemo(
    () =>
      Object.fromEntries(STREAMDOWN_KEYS.map((key) => [key, t(key)])) as Record<
        keyof StreamdownTranslations,
        string
      >,
    [t],
  );
}

/**
 * An image from model output is not fetched until the reader clicks: an answer must not be able to
 * make the browser call a host (a tracking pixel, a request carrying data in its URL).
 */
function ClickToLoadImage({ src, alt }: ComponentProps<'img'>) {
  const [load, setLoad] = useState(false);
  const t = useTranslations('markdown');
  const url = typeof src === 'string' ? src : '';
  let host = '';
  try {
    host = new URL(url).host;
  } catch {
    // not an absolute URL: nothing to load
  }
  if (!host) {
    return (
      <span
        data-testid="blocked-image"
        className="inline-flex items-center gap-1 rounded border border-dashed px-1.5 text-xs"
      >
        <ImageOff className="size-3" aria-hidden /> {alt ? t('imageAlt', { alt }) : t('image')}
      </span>
    );
  }
  if (load)
    // biome-ignore lint/performance/noImgElement: next/image would make the server fetch a URL the model wrote
    return <img src={url} alt={alt ?? ''} referrerPolicy="no-referrer" className="max-w-full rounded-lg" />;
  return (
    <button
      type="button"
      data-testid="blocked-image"
      onClick={() => setLoad(true)}
      className="inline-flex items-center gap-1 rounded border border-dashed px-2 py-1 text-xs text-muted-foreground hover:text-foreground"
    >
      <ImageOff className="size-3" aria-hidden />
      {alt ? t('loadImageAlt', { alt, host }) : t('loadImage', { host })}
    </button>
  );
}

// (Cast: streamdown's Components type intersects per-tag props with an index signature.)
const components = { img: ClickToLoadImage } as StreamdownProps['components'];

/** Below this size an answer is one markdown document; above it, it is rendered in sections. */
const SECTION_MIN_CHARS = 3000;

/**
 * Splits long markdown into sections at headings (a blank line, then `#`), outside code fences, each
 * at least SECTION_MIN_CHARS long. Text only ever grows while it streams, and a boundary depends
 * only on the text before it, so earlier sections never change: each is rendered once (memoised)
 * and only the last one is parsed again as tokens arrive — instead of the whole answer, which is
 * what made a 20,000-token answer cost the browser more with every token.
 */
export function splitSections(text: string, minChars = SECTION_MIN_CHARS): string[] {
  if (text.length < minChars * 2) return [text];
  const sections: string[] = [];
  let start = 0;
  let fence: string | null = null;
  let previousBlank = false;
  let lineStart = 0;
  while (lineStart < text.length) {
    const newline = text.indexOf('\n', lineStart);
    if (newline < 0) break; // the last line may still be arriving
    const line = text.slice(lineStart, newline);
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker)
        fence = null;
    } else if (marker) {
      fence = marker;
    } else if (previousBlank && line.startsWith('#') && lineStart - start >= minChars) {
      sections.push(text.slice(start, lineStart));
      start = lineStart;
    }
    previousBlank = line.trim() === '';
    lineStart = newline + 1;
  }
  sections.push(text.slice(start));
  return sections;
}

/**
 * A block of a live answer after the line break that static mode has between two top-level blocks,
 * so the answer's text (what a reader copies, what `textContent` reads) is the same either way.
 */
const SpacedBlock = memo(function SpacedBlock(props: BlockProps) {
  return (
    <>
      {props.index > 0 ? '\n' : null}
      <Block {...props} />
    </>
  );
});

/** Whether an answer has been rendered in this page yet (the renderer's code is then warm). */
let rendered = false;
export const hasRendered = () => rendered;

/** One section of an answer (exported for its tests). */
export const Section = memo(function Section({
  text,
  live,
  streaming,
  plugins,
  translations,
}: {
  text: string;
  /** Rendered block by block, as it streamed in this page (see Markdown). */
  live: boolean;
  /** Still growing: its last block may be unfinished markdown. */
  streaming: boolean;
  plugins: StreamdownProps['plugins'];
  translations: StreamdownTranslations;
}) {
  useEffect(() => {
    rendered = true;
  }, []);
  return (
    <Streamdown
      translations={translations}
      rehypePlugins={rehypePlugins}
      plugins={plugins}
      components={components}
      isAnimating={streaming}
      mode={live ? 'streaming' : 'static'}
      BlockComponent={live ? SpacedBlock : undefined}
      parseIncompleteMarkdown={streaming}
      // Each paragraph, item, heading and cell already gets dir="auto" (rehypeTextDirection);
      // streamdown's own per-block direction would wrap every block of a live answer in a div.
      dir={live ? undefined : 'auto'}
      linkSafety={{ enabled: false }}
      className="markdown space-y-3 text-[15px] leading-7"
    >
      {text}
    </Streamdown>
  );
});

export function Markdown({ text: latest, streaming }: { text: string; streaming: boolean }) {
  // While streaming, the new text renders in a deferred pass React time-slices (yielding between
  // blocks), not inside the synchronous store update that delivers the tokens (B5). That includes
  // the answer's first render (it starts empty): mounting the renderer with the first tokens was
  // one long task of its own.
  const deferred = useDeferredValue(latest, streaming ? '' : latest);
  const text = streaming ? deferred : latest;
  // An answer that streamed in this page stays rendered block by block (streamdown's streaming
  // mode: each block parsed once and memoised) when a section or the whole answer is done. Static
  // mode parses a whole section as one unit: switching to it re-parsed and re-created every
  // finished section, and the whole last one when the answer ended — the long tasks left in B5.
  // Stored answers (server render, reload, rows scrolled back into view) render statically.
  const live = useRef(streaming);
  if (streaming) live.current = true;
  const plugins = usePlugins(text);
  const translations = useStreamdownTranslations();
  // (The same text in the urgent and the deferred pass of a streamed update: scanned once.)
  const sections = useMemo(() => splitSections(text), [text]);
  if (sections.length === 1)
    return (
      <Section
        text={text}
        live={live.current}
        streaming={streaming}
        plugins={plugins}
        translations={translations}
      />
    );
  // A section's key is where it starts in the text: boundaries never move once made.
  let offset = 0;
  const keyed = sections.map((section) => {
    const start = offset;
    offset += section.length;
    return { section, start };
  });
  return (
    <div className="space-y-3">
      {keyed.map(({ section, start }, index) => (
        // Sections out of view skip layout and paint (`content-visibility: auto`, remembering their
        // size): a long answer growing at its end re-laid out all of itself on every update (B5).
        <div key={start} className="[contain-intrinsic-size:auto_600px] [content-visibility:auto]">
          <Section
            text={section}
            live={live.current}
            streaming={streaming && index === sections.length - 1}
            plugins={plugins}
            translations={translations}
          />
        </div>
      ))}
    </div>
  );
}

/** What the warm-up renders: one of each kind of block an answer has (an open fence: no highlighting). */
const WARM_UP_TEXT = [
  '## Heading',
  'A paragraph with **bold**, *emphasis*, `inline code` and a [link](https://example.com).',
  '- an item\n- another item',
  '1. first\n2. second',
  '> a quote',
  '| a | b |\n|---|---|\n| 1 | 2 |',
  '```ts\nconst x = 1;',
].join('\n\n');

/**
 * A small answer rendered as a streaming one is (lazy-markdown.tsx's MarkdownWarmUp renders it once,
 * hidden, before the first real answer needs the same code).
 */
export function WarmUp() {
  const plugins = usePlugins(WARM_UP_TEXT);
  const translations = useStreamdownTranslations();
  return <Section text={WARM_UP_TEXT} live streaming plugins={plugins} translations={translations} />;
}
