/// <reference lib="webworker" />
// Shiki code highlighting off the main thread (B4, B5): loading a grammar (TypeScript's is 180 KB of
// JSON) and tokenizing blocks took long tasks on the page. The page posts { id, options } and gets
// back { id, result } with the tokens (plain data), or { id, error }.
import { code } from '@streamdown/code';

type Options = Parameters<typeof code.highlight>[0];
type Result = NonNullable<ReturnType<typeof code.highlight>>;

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<{ id: number; options: Options }>) => {
  const { id, options } = event.data;
  const reply = (result: Result) =>
    scope.postMessage({
      id,
      result: { bg: result.bg, fg: result.fg, rootStyle: result.rootStyle, tokens: result.tokens },
    });
  try {
    const ready = code.highlight(options, reply);
    if (ready) reply(ready);
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
