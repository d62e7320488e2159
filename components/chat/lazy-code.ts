import type { CodeHighlighterPlugin } from '@streamdown/code';

/** The code plugin's own default themes (light, dark), known before it loads. */
const THEMES: ReturnType<CodeHighlighterPlugin['getThemes']> = ['github-light', 'github-dark'];

/** Code as untinted lines: the same shape streamdown uses for a block not highlighted yet. */
function plain(code: string): ReturnType<CodeHighlighterPlugin['highlight']> {
  return {
    bg: 'transparent',
    fg: 'inherit',
    tokens: code
      .replace(/\n+$/, '')
      .split('\n')
      .map((line) => [{ content: line, color: 'inherit', bgColor: 'transparent', htmlStyle: {}, offset: 0 }]),
  };
}

/**
 * Shiki code highlighting for streamdown, loaded with the first code block rather than with every
 * page (its engine is about 60 KB of JavaScript gzipped). Streamdown already treats highlighting as
 * asynchronous: a block shows as plain text until its tokens come back through the callback.
 */
export function lazyCode(): CodeHighlighterPlugin {
  let real: CodeHighlighterPlugin | undefined;
  let loading: Promise<CodeHighlighterPlugin> | undefined;
  const load = () => {
    loading ??= import('@streamdown/code').then((module) => {
      real = module.code;
      return module.code;
    });
    return loading;
  };
  return {
    name: 'shiki',
    type: 'code-highlighter',
    getThemes: () => real?.getThemes() ?? THEMES,
    getSupportedLanguages: () => real?.getSupportedLanguages() ?? [],
    supportsLanguage: (language) => real?.supportsLanguage(language) ?? true,
    highlight(options, callback) {
      // A block still streaming shows as plain text (as streamdown draws it before highlighting) and
      // is highlighted once, when its fence closes: tokenizing it again on every update of a long
      // answer was main-thread work in each streamed frame (B5).
      if (options.isIncomplete) return plain(options.code);
      if (real) return real.highlight(options, callback);
      void load().then((plugin) => {
        const result = plugin.highlight(options, callback);
        if (result) callback?.(result);
      });
      return null;
    },
  };
}
