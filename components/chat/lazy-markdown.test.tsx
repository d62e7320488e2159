import { NextIntlClientProvider } from 'next-intl';
import { prerenderToNodeStream } from 'react-dom/static';
import { describe, expect, it } from 'vitest';
import messages from '@/messages/en.json';
import { Markdown } from './lazy-markdown';

/** The whole HTML of a server render, once every Suspense boundary has resolved (as Next streams it). */
async function serverHtml(node: React.ReactNode): Promise<string> {
  const { prelude } = await prerenderToNodeStream(node);
  let html = '';
  for await (const chunk of prelude) html += chunk;
  return html;
}

describe('lazy Markdown (the renderer is not part of the first load)', () => {
  it('is rendered by the server as the real renderer renders it: formatted, not the plain fallback', async () => {
    const html = await serverHtml(
      <NextIntlClientProvider locale="en" messages={messages} timeZone="UTC">
        <Markdown
          text={'## Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```ts\nconst x = 1;\n```'}
          streaming={false}
        />
      </NextIntlClientProvider>,
    );
    expect(html).toMatch(/<h2[^>]*>Title<\/h2>/);
    expect(html).toContain('data-streamdown="table"');
    expect(html).toContain('data-streamdown="code-block"');
    expect(html).not.toContain('whitespace-pre-wrap break-words text-[15px]');
  });
});
