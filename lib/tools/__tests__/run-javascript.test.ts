/** run_javascript: QuickJS in WebAssembly with time, memory, stack and output limits; the host stays healthy. */

import { describe, expect, it } from 'vitest';
import { createRunJavaScriptTool, runJavaScript } from '@/lib/tools/run-javascript';

describe('running code', () => {
  it('returns the last expression as JSON and the console output', async () => {
    const out = await runJavaScript('console.log("sum", 1 + 2, {a: [1]}); const xs = [3, 1, 2]; xs.sort()');
    expect(out).toMatchObject({ stdout: 'sum 3 {"a":[1]}\n', result: '[1,2,3]', error: null });
  });

  it('returns null for undefined and strings as JSON strings', async () => {
    expect((await runJavaScript('let x = 1')).result).toBeNull();
    expect((await runJavaScript('"héllo".toUpperCase()')).result).toBe('"HÉLLO"');
    expect((await runJavaScript('10n ** 30n')).result).toBe('"1000000000000000000000000000000"');
  });

  it('awaits a promise result and runs its jobs', async () => {
    const out = await runJavaScript(
      '(async () => { await null; console.log("inside"); return { ok: true } })()',
    );
    expect(out).toMatchObject({ stdout: 'inside\n', result: '{"ok":true}', error: null });
  });

  it('reports uncaught errors with their location, keeping earlier output', async () => {
    const out = await runJavaScript('console.log("before");\nnull.x');
    expect(out.stdout).toBe('before\n');
    expect(out.result).toBeNull();
    expect(out.error).toMatch(/^TypeError: cannot read property 'x' of null\nat <eval> \(main\.js:2/);
    expect((await runJavaScript('Promise.reject(new RangeError("nope"))')).error).toMatch(
      /^RangeError: nope/,
    );
    expect((await runJavaScript('syntax error here')).error).toMatch(/^SyntaxError/);
  });

  it('explains a promise that can never settle', async () => {
    expect((await runJavaScript('new Promise(() => {})')).error).toMatch(/never settled .* no timers/);
  });

  it('has no host objects: no require, process, fetch, timers or file system', async () => {
    const out = await runJavaScript(
      '[typeof require, typeof process, typeof fetch, typeof setTimeout, typeof std, typeof os, typeof __hostWrite]',
    );
    expect(JSON.parse(out.result ?? '[]')).toEqual(Array(7).fill('undefined'));
  });

  it('works as an AI SDK tool', async () => {
    const runJs = createRunJavaScriptTool({ timeoutMs: 1000 });
    const out = await runJs.execute?.(
      { code: '[1, 2, 3].map((n) => n * n)' },
      { toolCallId: 'j1', messages: [] },
    );
    expect(out).toMatchObject({ result: '[1,4,9]', error: null });
  });
});

describe('limits', () => {
  it('ends an infinite loop at the time limit, and the next call works', async () => {
    const started = Date.now();
    const out = await runJavaScript('while (true) {}', { timeoutMs: 500 });
    const elapsed = Date.now() - started;
    expect(out.error).toBe('timed out after 500 ms');
    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(1500);
    expect(await runJavaScript('21 * 2')).toMatchObject({ result: '42', error: null });
  });

  it('ends an endless chain of promise jobs at the time limit', async () => {
    const out = await runJavaScript('(async () => { for (;;) await 0 })()', { timeoutMs: 300 });
    expect(out.error).toBe('timed out after 300 ms');
  });

  it.each([
    [
      'objects kept in a global',
      'const keep = []; for (;;) keep.push({ n: keep.length, list: [keep.length] })',
    ],
    ['one huge array', 'new Array(1e8).fill(0)'],
    ['array buffers', 'const keep = []; for (;;) keep.push(new ArrayBuffer(1 << 20))'],
  ])('stops a memory bomb (%s) with "out of memory"', async (_label, code) => {
    const out = await runJavaScript(code, { memoryMb: 16, timeoutMs: 10_000 });
    expect(out.error).toBe('out of memory (the sandbox is limited to 16 MB)');
    expect((await runJavaScript('[1, 2, 3].length')).result).toBe('3');
  });

  it('still reports a thrown null as such', async () => {
    expect((await runJavaScript('throw null')).error).toBe('Uncaught null');
  });

  it('stops runaway recursion with a stack overflow', async () => {
    const out = await runJavaScript('function f(n) { return f(n + 1) + 1 } f(0)');
    expect(out.error).toMatch(/^stack overflow \(too much recursion\)/);
    expect((await runJavaScript('1 + 1')).result).toBe('2');
  });

  it('caps console output at 64 KB', async () => {
    const out = await runJavaScript('for (let i = 0; i < 20000; i++) console.log("line " + i)');
    expect(Buffer.byteLength(out.stdout)).toBe(64 * 1024);
    expect(out.stdoutTruncated).toBe(true);
    expect(out.stdout.startsWith('line 0\nline 1\n')).toBe(true);
  });

  it('caps the result', async () => {
    const out = await runJavaScript('"y".repeat(100000)', { maxResultChars: 1000 });
    expect(out.result).toHaveLength(1001);
    expect(out.result?.endsWith('…')).toBe(true);
    expect(out.resultTruncated).toBe(true);
  });

  it('refuses code over 100,000 characters', async () => {
    await expect(runJavaScript(`/*${'x'.repeat(100_000)}*/`)).rejects.toThrow(/accepts at most 100,000/);
  });

  it('does not start when the request is already cancelled', async () => {
    await expect(runJavaScript('1', {}, AbortSignal.abort())).rejects.toThrow();
  });

  it('keeps the host healthy after many hostile runs', async () => {
    const before = process.memoryUsage().rss;
    for (let i = 0; i < 5; i++) {
      await runJavaScript('let s = "x"; for (;;) s += s', { memoryMb: 8 });
      await runJavaScript('while (true) {}', { timeoutMs: 50 });
    }
    expect((await runJavaScript('[1, 2].length')).result).toBe('2');
    expect(process.memoryUsage().rss - before).toBeLessThan(400 * 1024 * 1024);
  });
});
