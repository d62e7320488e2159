import { describe, expect, it } from 'vitest';
import { countsOf, formatTally } from '../../scripts/test-tally.mjs';

const vitestReport = JSON.stringify({ numPassedTests: 950, numFailedTests: 0, numFailedTestSuites: 0 });
const playwrightReport = JSON.stringify({ stats: { expected: 117, unexpected: 1, flaky: 0 } });
const read = (files: Record<string, string>) => (file: string) => {
  if (!(file in files)) throw new Error('ENOENT');
  return files[file];
};

describe('the npm test tally', () => {
  it('counts every stage that ran when one fails, and names it', () => {
    const files = { 'u.json': vitestReport, 'e.json': playwrightReport };
    const results = [
      { label: 'lint', ran: true, ok: true, seconds: 3, ...countsOf(undefined, true, read(files)) },
      { label: 'types', ran: true, ok: true, seconds: 20, ...countsOf(undefined, true, read(files)) },
      {
        label: 'unit tests',
        ran: true,
        ok: true,
        seconds: 90,
        ...countsOf({ file: 'u.json', kind: 'vitest' }, true, read(files)),
      },
      { label: 'build', ran: true, ok: true, seconds: 120, ...countsOf(undefined, true, read(files)) },
      {
        label: 'browser tests',
        ran: true,
        ok: false,
        seconds: 890,
        ...countsOf({ file: 'e.json', kind: 'playwright' }, false, read(files)),
      },
    ];
    const { lines, allPassed } = formatTally(results);
    expect(allPassed).toBe(false);
    expect(lines.at(-1)).toBe('total: 1070 passed, 1 failed');
    expect(lines).toContain('failed stages: browser tests');
    expect(lines.find((l) => l.startsWith('browser tests'))).toMatch(/FAILED\s+117\s+1\s+14 min 50 s/);
  });

  it('counts a runner that died before its report as one failure, and a stage that could not run', () => {
    const died = countsOf({ file: 'missing.json', kind: 'vitest' }, false, read({}));
    expect(died).toEqual({ passed: 0, failed: 1 });
    const { lines, allPassed } = formatTally([
      { label: 'build', ran: true, ok: false, seconds: 5, passed: 0, failed: 1 },
      { label: 'browser tests', ran: false, ok: false, seconds: 0, passed: 0, failed: 0 },
    ]);
    expect(allPassed).toBe(false);
    expect(lines).toContain('not run: browser tests');
    expect(lines.at(-1)).toBe('total: 0 passed, 1 failed');
  });

  it('passes when every stage passed', () => {
    const { lines, allPassed } = formatTally([
      { label: 'lint', ran: true, ok: true, seconds: 1, passed: 1, failed: 0 },
      { label: 'unit tests', ran: true, ok: true, seconds: 61, passed: 10, failed: 0 },
    ]);
    expect(allPassed).toBe(true);
    expect(lines.at(-1)).toBe('total: 11 passed, 0 failed');
    expect(lines.find((l) => l.startsWith('unit tests'))).toContain('1 min 1 s');
  });
});
