'use client';

import { cjk } from '@streamdown/cjk';
import { code } from '@streamdown/code';
import { math } from '@streamdown/math';
import { ImageOff } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type ComponentProps, useMemo, useState } from 'react';
import { harden } from 'rehype-harden';
import {
  defaultRehypePlugins,
  defaultTranslations,
  Streamdown,
  type StreamdownProps,
  type StreamdownTranslations,
} from 'streamdown';
import 'katex/dist/katex.min.css';
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

// cjk: emphasis and autolinks that work beside Chinese and Japanese punctuation (`**粗体**。`).
const plugins: StreamdownProps['plugins'] = { code, math, cjk, mermaid: lazyMermaid() };

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

export function Markdown({ text, streaming }: { text: string; streaming: boolean }) {
  const translations = useStreamdownTranslations();
  return (
    <Streamdown
      translations={translations}
      rehypePlugins={rehypePlugins}
      plugins={plugins}
      components={components}
      isAnimating={streaming}
      mode={streaming ? 'streaming' : 'static'}
      dir="auto"
      linkSafety={{ enabled: false }}
      className="markdown space-y-3 text-[15px] leading-7"
    >
      {text}
    </Streamdown>
  );
}
