import type { DiagramPlugin } from 'streamdown';

type MermaidInstance = ReturnType<DiagramPlugin['getMermaid']>;

/**
 * Turns every HTML tag in a diagram's source into text, except `<br>`. Mermaid (11.x, even with
 * `securityLevel: 'strict'`) puts a label's HTML into a live element while laying it out, so a label
 * like `A["<img src=x onerror=…>"]` tried to run its handler (only the CSP stopped it, found by the
 * XSS e2e corpus). Arrows (`<-->`, `<|--`) start with no letter and are left alone.
 */
export function neutralizeMermaidHtml(source: string): string {
  return source.replace(/<(?=[A-Za-z/!?])(?!br\s*\/?>)/gi, '&lt;');
}

/**
 * Mermaid for streamdown, loaded only when an answer contains a diagram: the library is large, and
 * most answers have none. `securityLevel: 'strict'` keeps model-written diagrams from running script;
 * the theme follows the system's light or dark mode.
 */
export function lazyMermaid(): DiagramPlugin {
  let loading: Promise<typeof import('mermaid')['default']> | undefined;
  const load = () => {
    loading ??= import('mermaid').then((module) => module.default);
    return loading;
  };
  const instance: MermaidInstance = {
    initialize() {
      // Our settings are fixed (strict security, system theme); streamdown's overrides are ignored.
    },
    async render(id, source) {
      const mermaid = await load();
      const dark = typeof window !== 'undefined' && window.matchMedia('(prefers-color-scheme: dark)').matches;
      mermaid.initialize({
        startOnLoad: false,
        securityLevel: 'strict',
        suppressErrorRendering: true,
        theme: dark ? 'dark' : 'default',
        fontFamily: 'ui-sans-serif, system-ui, sans-serif',
      });
      return mermaid.render(id, neutralizeMermaidHtml(source));
    },
  };
  return { name: 'mermaid', type: 'diagram', language: 'mermaid', getMermaid: () => instance };
}
