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
 * page (its engine is about 60 KB of JavaScript gzipped), and run in a worker so that loading
 * grammars and tokenizing never take the main thread. Streamdown already treats highlighting as
 * asynchronous: a block shows as plain text until its tokens come back through the callback.
 */
type Highlight = NonNullable<ReturnType<CodeHighlighterPlugin['highlight']>>;
type Callback = (result: Highlight) => void;

/** Finished blocks' tokens by language and code, so a row that renders again is highlighted at once. */
const CACHE_SIZE = 400;
const cache = new Map<string, Highlight>();
function remember(key: string, result: Highlight) {
  cache.delete(key);
  cache.set(key, result);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
}

/**
 * The highlighting worker (shiki.worker.ts), started with the first code block; null where workers
 * are not available (the highlighter then loads on the main thread, as before).
 */
let worker: Worker | null | undefined;
let nextId = 0;
const waiting = new Map<number, { key: string; callbacks: Callback[]; fallback: () => void }>();
const inFlight = new Map<string, number>();
function highlightWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./shiki.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    worker = null;
    return worker;
  }
  worker.onmessage = (event: MessageEvent<{ id: number; result?: Highlight; error?: string }>) => {
    const job = waiting.get(event.data.id);
    if (!job) return;
    waiting.delete(event.data.id);
    inFlight.delete(job.key);
    if (event.data.result) {
      remember(job.key, event.data.result);
      for (const callback of job.callbacks) callback(event.data.result);
    } else job.fallback();
  };
  worker.onerror = () => {
    // The worker failed to start or crashed: what waits is highlighted on the main thread.
    worker = null;
    for (const job of waiting.values()) job.fallback();
    waiting.clear();
    inFlight.clear();
  };
  return worker;
}

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
  const onMainThread: CodeHighlighterPlugin['highlight'] = (options, callback) => {
    if (real) return real.highlight(options, callback);
    void load().then((plugin) => {
      const result = plugin.highlight(options, callback);
      if (result) callback?.(result);
    });
    return null;
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
      const key = `${options.language}\n${String(options.themes[0])}\n${String(options.themes[1])}\n${options.code}`;
      const known = cache.get(key);
      if (known) return known;
      const highlighter = typeof Worker === 'undefined' ? null : highlightWorker();
      if (!highlighter) return onMainThread(options, callback);
      const fallback = () => {
        const result = onMainThread(options, callback);
        if (result) callback?.(result);
      };
      const pending = inFlight.get(key);
      if (pending !== undefined) {
        const job = waiting.get(pending);
        if (job && callback) job.callbacks.push(callback);
        return null;
      }
      const id = nextId++;
      waiting.set(id, { key, callbacks: callback ? [callback] : [], fallback });
      inFlight.set(key, id);
      highlighter.postMessage({ id, options: { ...options, themes: [...options.themes] } });
      return null;
    },
  };
}
