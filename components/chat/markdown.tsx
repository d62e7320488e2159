'use client';

import { code } from '@streamdown/code';
import type { ComponentProps } from 'react';
import { harden } from 'rehype-harden';
import { defaultRehypePlugins, Streamdown, type StreamdownProps } from 'streamdown';

// Model output is untrusted. Raw HTML goes through rehype-sanitize (streamdown's default), then links
// are limited to http(s) and mail, and images are never loaded: no external image can phone home.
const rehypePlugins: StreamdownProps['rehypePlugins'] = [
  defaultRehypePlugins.raw,
  defaultRehypePlugins.sanitize,
  [
    harden,
    {
      // "*" admits http(s) links only; javascript:, data:, file: and vbscript: are always refused.
      allowedLinkPrefixes: ['*'],
      allowedImagePrefixes: [],
      allowDataImages: false,
      linkBlockPolicy: 'text-only',
      imageBlockPolicy: 'indicator',
    },
  ],
];

const plugins = { code };

/** Images are never loaded from model output: a placeholder names what was left out. */
function BlockedImage({ alt }: ComponentProps<'img'>) {
  return (
    <span
      data-testid="blocked-image"
      className="rounded border border-dashed px-1.5 text-xs text-muted-foreground"
    >
      {alt ? `[image: ${alt}]` : '[image]'}
    </span>
  );
}

// (Cast: streamdown's Components type intersects per-tag props with an index signature.)
const components = { img: BlockedImage } as StreamdownProps['components'];

export function Markdown({ text, streaming }: { text: string; streaming: boolean }) {
  return (
    <Streamdown
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
