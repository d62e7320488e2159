import type { Element, Root, RootContent } from 'hast';

/** Blocks that hold running text: each finds its own direction from its first strong letter. */
const TEXT_BLOCKS = new Set([
  'p',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'td',
  'th',
  'dt',
  'dd',
  'summary',
]);

/** Inline elements that hold code, keys or samples (what streamdown's own direction pass marks ltr). */
const LEFT_TO_RIGHT = new Set(['code', 'kbd', 'samp', 'var']);

function visit(node: Root | RootContent) {
  if (node.type === 'element') {
    const element = node as Element;
    // Code reads left to right whatever the language around it.
    // (The block's `code` too: streamdown draws a code block from that element's properties.) So
    // does inline code, and its kin, inside a right-to-left paragraph.
    if (element.tagName === 'pre' || LEFT_TO_RIGHT.has(element.tagName)) element.properties.dir = 'ltr';
    if (TEXT_BLOCKS.has(element.tagName)) element.properties.dir = 'auto';
  }
  if ('children' in node) for (const child of node.children) visit(child);
}

/**
 * A rehype plugin: `dir="auto"` on every paragraph, list item, heading, quote and table cell of a
 * rendered answer, so an Arabic paragraph reads right to left and an English one left to right in the
 * same answer, in any UI language; `dir="ltr"` on code blocks and inline code. Runs after sanitising: it only adds
 * these two attribute values.
 */
export function rehypeTextDirection() {
  return (tree: Root) => {
    visit(tree);
  };
}
