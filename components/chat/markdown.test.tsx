import { NextIntlClientProvider } from 'next-intl';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import messages from '@/messages/en.json';
import zhMessages from '@/messages/zh-CN.json';
import { neutralizeMermaidHtml } from './lazy-mermaid';
import { loadMath, Markdown, Section, splitSections, WarmUp } from './markdown';

const render = (text: string) =>
  renderToString(
    <NextIntlClientProvider locale="en" messages={messages} timeZone="UTC">
      <Markdown text={text} streaming={false} />
    </NextIntlClientProvider>,
  );

describe('Markdown (model output is untrusted)', () => {
  it('renders markdown', () => {
    const html = render('## Title\n\n- one\n- two\n\n[docs](https://example.com/docs)');
    expect(html).toContain('Title');
    expect(html).toMatch(/<li[^>]*>.*one/);
    expect(html).toContain('href="https://example.com/docs"');
  });

  it('drops script, event handlers and javascript: links, and fetches no image', () => {
    const html = render(
      '<img src="https://tracker.example/x.png" onerror="alert(1)"> [click](javascript:alert(2)) ![pixel](https://tracker.example/p.png) <script>alert(3)</script>',
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/onerror/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/rel="preload"/i);
    expect(html).toMatch(/load image from (<!-- -->)?tracker\.example/);
  });

  it('renders math with KaTeX once it is loaded (it is not in the first page load)', async () => {
    expect(render('Euler: $$e^{i\\pi} + 1 = 0$$')).not.toContain('katex');
    await loadMath();
    const html = render('Euler: $$e^{i\\pi} + 1 = 0$$');
    expect(html).toContain('katex');
  });
});

describe('Markdown in any language', () => {
  it('gives each paragraph, item and heading its own direction, and code left to right', () => {
    const html = render('## عنوان\n\nمرحبا بالعالم\n\n- English item\n- عنصر\n\n```js\nconst x = 1;\n```');
    expect(html).toMatch(/<h2[^>]*dir="auto"/);
    expect(html).toMatch(/<p[^>]*dir="auto"[^>]*>مرحبا/);
    expect(html.match(/<li[^>]*dir="auto"/g)).toHaveLength(2);
    expect(html).not.toMatch(/<pre[^>]*dir="auto"/);
  });

  it('closes emphasis beside CJK punctuation', () => {
    // CommonMark alone leaves these asterisks as text: the bold ends in punctuation before a letter.
    expect(render('这是**「重要」**后面')).toMatch(/data-streamdown="strong"[^>]*>「重要」</);
    expect(render('**この文は、**太字です')).toMatch(/data-streamdown="strong"[^>]*>この文は、</);
  });

  it('labels streamdown’s own controls in the UI language', () => {
    const zh = renderToString(
      <NextIntlClientProvider locale="zh-CN" messages={zhMessages} timeZone="UTC">
        <Markdown text={'```js\nconst x = 1;\n```'} streaming={false} />
      </NextIntlClientProvider>,
    );
    expect(zh).toContain('复制代码');
  });
});

describe('mermaid sources', () => {
  it('turn tags into text but keep line breaks and arrows', () => {
    const source =
      'graph TD\nA["<img src=x onerror=alert(1)>"] <--> B["one<br>two<br/>three"]\nC <|-- D\nE["</svg><script>x</script>"]';
    const out = neutralizeMermaidHtml(source);
    expect(out).not.toMatch(/<(img|script|\/svg)/i);
    expect(out).toContain('&lt;img src=x');
    expect(out).toContain('one<br>two<br/>three');
    expect(out).toContain('A["&lt;img');
    expect(out).toContain('<-->');
    expect(out).toContain('<|--');
  });

  it('splits a long answer into sections at headings outside code, and the sections join back', () => {
    const section = (i: number) =>
      `## Part ${i}\n\n${'Some prose. '.repeat(30)}\n\n\`\`\`md\n# not a heading\n\n# still code\n\`\`\`\n\n`;
    const text = Array.from({ length: 12 }, (_, i) => section(i)).join('');
    const sections = splitSections(text, 1000);
    expect(sections.length).toBeGreaterThan(3);
    expect(sections.join('')).toBe(text);
    for (const s of sections.slice(1)) expect(s.startsWith('## Part')).toBe(true);
    // Growing the text never moves an earlier boundary.
    const longer = splitSections(`${text}## Part 99\n\nmore`, 1000);
    expect(longer.slice(0, sections.length - 1)).toEqual(sections.slice(0, -1));
  });

  it('renders a long answer in sections with the same content', () => {
    const text = Array.from({ length: 10 }, (_, i) => `## Heading ${i}\n\n${'word '.repeat(200)}\n\n`).join(
      '',
    );
    const html = render(text);
    for (let i = 0; i < 10; i++) expect(html).toContain(`Heading ${i}`);
  });
});

describe('an answer that streamed in the page, once it is done', () => {
  const answer = [
    '## Title',
    'A paragraph with **bold**, `code` and a [link](https://example.com/a).',
    '- one\n- two',
    '```ts\nconst x = 1;\n```',
    '| a | b |\n|---|---|\n| 1 | 2 |',
    '> a quote',
    'مرحبا بالعالم',
  ].join('\n\n');
  const section = (live: boolean) =>
    renderToString(
      <NextIntlClientProvider locale="en" messages={messages} timeZone="UTC">
        <Section
          text={answer}
          live={live}
          streaming={false}
          plugins={{}}
          translations={{} as Parameters<typeof Section>[0]['translations']}
        />
      </NextIntlClientProvider>,
    );
  // Elements and their text, in order (streamdown's own ids and wrappers aside).
  const outline = (html: string) =>
    [...html.matchAll(/<(h2|p|li|pre|table|th|td|blockquote|code|a|span)\b([^>]*)>/g)].map(
      ([, tag, attributes]) =>
        `${tag}${/data-streamdown="[\w-]+"/.exec(attributes)?.[0] ?? ''}${/dir="(\w+)"/.exec(attributes)?.[0] ?? ''}`,
    );
  // The text as `textContent` reads it (what a reader copies): line breaks between blocks too.
  const text = (html: string) => html.replace(/<!-- -->/g, '').replace(/<[^>]+>/g, '');

  it('keeps its block-by-block rendering, with the same elements, text and directions as a stored one', () => {
    const live = section(true);
    const stored = section(false);
    expect(outline(live)).toEqual(outline(stored));
    expect(text(live)).toBe(text(stored));
    expect(live).toMatch(/<p[^>]*dir="auto"[^>]*>مرحبا/);
    expect(live).toMatch(/data-streamdown="code-block"[^>]*dir="ltr"/);
    // No wrapper per block (streamdown's own direction): blocks stay direct children, spaced alike.
    expect(live).not.toContain('display:contents');
  });

  it('warms the renderer up with every kind of block', () => {
    const html = renderToString(
      <NextIntlClientProvider locale="en" messages={messages} timeZone="UTC">
        <WarmUp />
      </NextIntlClientProvider>,
    );
    for (const tag of ['<h2', 'data-streamdown="strong"', '<ul', '<ol', '<blockquote', '<table', '<pre'])
      expect(html).toContain(tag);
  });
});
