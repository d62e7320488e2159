import { tool } from 'ai';
import {
  newQuickJSWASMModule,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSRuntime,
  RELEASE_SYNC,
} from 'quickjs-emscripten';
import { z } from 'zod';

/**
 * run_javascript: runs a snippet in QuickJS compiled to WebAssembly (quickjs-emscripten, release-sync).
 *
 * Every call gets a fresh WebAssembly instance, runtime and context, so nothing is shared between
 * calls and a crashed or leaking sandbox is simply dropped. The guest sees the ECMAScript built-ins
 * plus a `console` whose output is captured; there is no network, file system, timer, module loader
 * or host object. Limits: wall-clock time (interrupt handler), heap size, stack size, output size.
 */

export const RUN_JS_DEFAULTS = {
  timeoutMs: 3000,
  memoryMb: 32,
  /** QuickJS's own stack limit; it must stay well under the host's native stack the WebAssembly runs on. */
  maxStackBytes: 256 * 1024,
  maxOutputBytes: 64 * 1024,
  maxResultChars: 16 * 1024,
  maxCodeChars: 100_000,
} as const;

export interface RunJavaScriptOptions {
  timeoutMs?: number;
  memoryMb?: number;
  maxStackBytes?: number;
  maxOutputBytes?: number;
  maxResultChars?: number;
}

export interface RunJavaScriptResult {
  /** What the code printed with console.log/info/warn/error/debug, one line per call. */
  stdout: string;
  /** The value of the last expression (awaited if it is a promise), JSON-stringified; null if undefined. */
  result: string | null;
  /** Why the code failed (uncaught exception, time-out, out of memory), or null. */
  error: string | null;
  durationMs: number;
  stdoutTruncated?: true;
  resultTruncated?: true;
}

/**
 * Builds `console` inside the guest over one host write function, then removes that function. Lines
 * are cut to the output budget inside the guest, so a huge string is never copied out.
 */
const bootstrap = (maxChars: number) => `(() => {
  const write = globalThis.__hostWrite;
  delete globalThis.__hostWrite;
  const stringify = JSON.stringify;
  const show = (v) => {
    if (typeof v === 'string') return v;
    if (v instanceof Error) return (v.stack ? v.name + ': ' + v.message + '\\n' + v.stack : v.name + ': ' + v.message).trimEnd();
    if (typeof v === 'function') return '[Function ' + (v.name || 'anonymous') + ']';
    if (typeof v === 'bigint') return v + 'n';
    if (typeof v === 'symbol' || v === undefined) return String(v);
    try { const s = stringify(v); return s === undefined ? String(v) : s; } catch { return String(v); }
  };
  let budget = ${maxChars};
  const line = (prefix) => (...args) => {
    if (budget <= 0) return;
    const text = prefix + args.map(show).join(' ');
    budget -= text.length + 1;
    write(text.length > ${maxChars} ? text.slice(0, ${maxChars}) : text);
  };
  const console = { log: line(''), info: line(''), debug: line(''), warn: line('[warn] '), error: line('[error] ') };
  Object.defineProperty(globalThis, 'console', { value: console, writable: true, configurable: true, enumerable: false });
  return (value, max) => {
    if (value === undefined) return undefined;
    let s;
    try { s = stringify(value, (k, v) => (typeof v === 'bigint' ? v.toString() : v)); } catch { s = undefined; }
    if (s === undefined) s = show(value);
    return s.length > max ? s.slice(0, max + 1) : s;
  };
})()`;

const ERROR_HEADROOM_BYTES = 4 * 1024 * 1024;

class Output {
  text = '';
  bytes = 0;
  truncated = false;
  constructor(private readonly max: number) {}

  write(line: string): void {
    if (this.truncated) return;
    const chunk = `${line}\n`;
    const size = Buffer.byteLength(chunk);
    if (this.bytes + size <= this.max) {
      this.text += chunk;
      this.bytes += size;
      return;
    }
    // keep what fits, cut on a character boundary
    let room = this.max - this.bytes;
    let cut = '';
    for (const ch of chunk) {
      const n = Buffer.byteLength(ch);
      if (n > room) break;
      cut += ch;
      room -= n;
    }
    this.text += cut;
    this.bytes = this.max;
    this.truncated = true;
  }
}

interface Failure {
  name?: unknown;
  message?: unknown;
  stack?: unknown;
}

function describeError(ctx: QuickJSContext, handle: QuickJSHandle): string {
  let dumped: unknown;
  try {
    dumped = ctx.dump(handle);
  } catch {
    return 'Uncaught exception (its value could not be read)';
  }
  if (dumped && typeof dumped === 'object' && 'message' in dumped) {
    const { name, message, stack } = dumped as Failure;
    const head = `${typeof name === 'string' ? name : 'Error'}: ${String(message)}`;
    const frames =
      typeof stack === 'string'
        ? stack
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean)
            .slice(0, 5)
        : [];
    return frames.length > 0 ? `${head}\n${frames.join('\n')}` : head;
  }
  let shown: string;
  try {
    shown = typeof dumped === 'string' ? dumped : (JSON.stringify(dumped) ?? String(dumped));
  } catch {
    shown = String(dumped);
  }
  return `Uncaught ${shown}`;
}

function safeDispose(...items: ({ alive: boolean; dispose(): void } | undefined)[]): void {
  for (const item of items) {
    try {
      if (item?.alive) item.dispose();
    } catch {
      // A runtime that still holds objects aborts on dispose; the WebAssembly instance is dropped anyway.
    }
  }
}

export async function runJavaScript(
  code: string,
  options: RunJavaScriptOptions = {},
  signal?: AbortSignal,
): Promise<RunJavaScriptResult> {
  const timeoutMs = options.timeoutMs ?? RUN_JS_DEFAULTS.timeoutMs;
  const memoryMb = options.memoryMb ?? RUN_JS_DEFAULTS.memoryMb;
  const maxResultChars = options.maxResultChars ?? RUN_JS_DEFAULTS.maxResultChars;
  if (code.length > RUN_JS_DEFAULTS.maxCodeChars) {
    throw new Error(
      `The code is ${code.length.toLocaleString('en-US')} characters long; run_javascript accepts at most ${RUN_JS_DEFAULTS.maxCodeChars.toLocaleString('en-US')}.`,
    );
  }
  signal?.throwIfAborted();

  const module = await newQuickJSWASMModule(RELEASE_SYNC);
  const maxOutputBytes = options.maxOutputBytes ?? RUN_JS_DEFAULTS.maxOutputBytes;
  const output = new Output(maxOutputBytes);
  const started = Date.now();
  let deadline = Number.POSITIVE_INFINITY;
  let stopped: 'timeout' | 'aborted' | undefined;

  let runtime: QuickJSRuntime | undefined;
  let ctx: QuickJSContext | undefined;
  const handles: QuickJSHandle[] = [];
  let hostFailure = false;
  let error: string | null = null;
  let result: string | null = null;
  let resultTruncated = false;

  const finish = (): RunJavaScriptResult => ({
    stdout: output.text,
    result,
    error,
    durationMs: Date.now() - started,
    ...(output.truncated ? { stdoutTruncated: true as const } : {}),
    ...(resultTruncated ? { resultTruncated: true as const } : {}),
  });

  const nearMemoryLimit = (): boolean => {
    try {
      const report = runtime?.dumpMemoryUsage() ?? '';
      const allocated = Number(/memory allocated\s+\d+\s+(\d+)/.exec(report)?.[1] ?? 0);
      return allocated >= memoryMb * 1024 * 1024 * 0.9;
    } catch {
      return false;
    }
  };

  const explain = (handle: QuickJSHandle): string => {
    if (stopped === 'timeout') return `timed out after ${timeoutMs} ms`;
    if (stopped === 'aborted') return 'stopped: the request was cancelled';
    // A guest that ran out of memory still holds it (e.g. in a global): give reading the error a
    // little headroom. Getters and toJSON on the error are guest code, so the limit stays finite.
    runtime?.setMemoryLimit(memoryMb * 1024 * 1024 + ERROR_HEADROOM_BYTES);
    const text = ctx ? describeError(ctx, handle) : 'Uncaught exception';
    const oom = `out of memory (the sandbox is limited to ${memoryMb} MB)`;
    if (/^InternalError: out of memory/.test(text)) return oom;
    // With no memory left at all QuickJS cannot even build the error object and throws null.
    if ((text === 'Uncaught null' || text === 'Uncaught ') && nearMemoryLimit()) return oom;
    if (/^InternalError: stack overflow/.test(text)) return `stack overflow (too much recursion)\n${text}`;
    return text;
  };

  try {
    runtime = module.newRuntime();
    runtime.setMemoryLimit(memoryMb * 1024 * 1024);
    runtime.setMaxStackSize(options.maxStackBytes ?? RUN_JS_DEFAULTS.maxStackBytes);
    runtime.setInterruptHandler(() => {
      if (signal?.aborted) stopped = 'aborted';
      else if (Date.now() > deadline) stopped = 'timeout';
      return stopped !== undefined;
    });
    ctx = runtime.newContext();
    const guest = ctx;

    const write = guest.newFunction('__hostWrite', (line) => {
      output.write(guest.getString(line));
    });
    guest.setProp(guest.global, '__hostWrite', write);
    write.dispose();
    const boot = guest.evalCode(bootstrap(maxOutputBytes + 1), 'bootstrap.js', { type: 'global' });
    if (boot.error) {
      const message = describeError(guest, boot.error);
      boot.error.dispose();
      throw new Error(`The JavaScript sandbox could not start: ${message}`);
    }
    const toJson = boot.value;
    handles.push(toJson);

    deadline = Date.now() + timeoutMs;
    const evaluated = guest.evalCode(code, 'main.js', { type: 'global' });
    if (evaluated.error) {
      handles.push(evaluated.error);
      error = explain(evaluated.error);
      return finish();
    }
    let value = evaluated.value;
    handles.push(value);

    // Run promise jobs (there are no timers or I/O, so jobs are all that can settle a promise).
    for (;;) {
      const jobs = runtime.executePendingJobs();
      if (jobs.error) {
        handles.push(jobs.error);
        error = explain(jobs.error);
        return finish();
      }
      const ran = jobs.value;
      const state = guest.getPromiseState(value);
      if (state.type === 'fulfilled') {
        if (!state.notAPromise) {
          value = state.value;
          handles.push(value);
        }
        if (ran === 0) break;
      } else if (state.type === 'rejected') {
        handles.push(state.error);
        error = explain(state.error);
        return finish();
      } else if (ran === 0) {
        error = 'The promise never settled (the sandbox has no timers, network or file system).';
        return finish();
      }
      if (stopped) {
        error =
          stopped === 'timeout' ? `timed out after ${timeoutMs} ms` : 'stopped: the request was cancelled';
        return finish();
      }
    }

    const max = guest.newNumber(maxResultChars);
    handles.push(max);
    const json = guest.callFunction(toJson, guest.undefined, value, max);
    if (json.error) {
      handles.push(json.error);
      error = explain(json.error);
      return finish();
    }
    handles.push(json.value);
    if (guest.typeof(json.value) === 'string') {
      const text = guest.getString(json.value);
      resultTruncated = text.length > maxResultChars;
      result = resultTruncated ? `${text.slice(0, maxResultChars)}…` : text;
    }
    return finish();
  } catch (caught) {
    // Failures of the host side of the sandbox (e.g. the WebAssembly ran out of native stack).
    hostFailure = true;
    if (caught instanceof RangeError && /call stack/i.test(caught.message)) {
      error = 'stack overflow (too much recursion)';
      return finish();
    }
    if (stopped === 'timeout') {
      error = `timed out after ${timeoutMs} ms`;
      return finish();
    }
    if (caught instanceof Error && caught.message.startsWith('The JavaScript sandbox')) throw caught;
    error = `The sandbox failed: ${caught instanceof Error ? caught.message : String(caught)}`;
    return finish();
  } finally {
    if (!hostFailure) {
      safeDispose(...handles.reverse());
      safeDispose(ctx, runtime);
    }
    // On a host failure the instance may be in any state: leave it to the garbage collector.
  }
}

export const runJavaScriptInputSchema = z.object({
  code: z
    .string()
    .min(1)
    .max(RUN_JS_DEFAULTS.maxCodeChars)
    .describe(
      'JavaScript (ES2023) to run. The value of the last expression is returned as JSON; use console.log for ' +
        'intermediate output. For async code end with an async IIFE, e.g. `(async () => { ... return x })()`. ' +
        'No require/import, fetch, timers, file system or DOM.',
    ),
});

export function createRunJavaScriptTool(options: RunJavaScriptOptions = {}) {
  const timeoutMs = options.timeoutMs ?? RUN_JS_DEFAULTS.timeoutMs;
  const memoryMb = options.memoryMb ?? RUN_JS_DEFAULTS.memoryMb;
  return tool({
    description:
      'Run JavaScript in an isolated sandbox (QuickJS) and get its console output and the value of its last ' +
      'expression. Use it for exact computation, data transformation, string processing, date math or checking ' +
      `code. Limits: ${timeoutMs} ms, ${memoryMb} MB, no network or files. Returns { stdout, result, error }.`,
    inputSchema: runJavaScriptInputSchema,
    execute: async ({ code }, { abortSignal }) =>
      runJavaScript(code, { ...options, timeoutMs, memoryMb }, abortSignal),
  });
}
