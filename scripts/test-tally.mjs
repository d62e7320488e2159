// The tally of `npm test` (scripts/test.mjs): what each stage counted, and the closing line.

/**
 * The counts of one stage. With a runner's JSON report, its own counts (also when the stage
 * failed; a failed stage whose report shows no failure, e.g. a crash, counts one failure more).
 * Without a report, the stage is one check.
 */
export function countsOf(report, ok, readFile) {
  if (!report) return ok ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
  let counts = { passed: 0, failed: 0 };
  try {
    const json = JSON.parse(readFile(report.file));
    counts =
      report.kind === 'vitest'
        ? {
            passed: json.numPassedTests ?? 0,
            failed: (json.numFailedTests ?? 0) + (json.numFailedTestSuites ?? 0),
          }
        : {
            passed: json.stats?.expected ?? 0,
            failed: (json.stats?.unexpected ?? 0) + (json.stats?.flaky ?? 0),
          };
  } catch {
    // no report: the runner died before writing it
  }
  if (!ok && counts.failed === 0) counts.failed = 1;
  return counts;
}

const pad = (text, width) => String(text).padEnd(width);
const duration = (seconds) =>
  seconds >= 60 ? `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s` : `${seconds.toFixed(1)} s`;

/** The table of stages and the closing line `total: N passed, N failed` (the stages that failed named after it). */
export function formatTally(results) {
  const lines = ['stage            result   passed  failed  time'];
  for (const r of results) {
    const result = !r.ran ? 'not run' : r.ok ? 'ok' : 'FAILED';
    lines.push(
      `${pad(r.label, 17)}${pad(result, 9)}${pad(r.passed, 8)}${pad(r.failed, 8)}${r.ran ? duration(r.seconds) : '–'}`,
    );
  }
  const total = results.reduce((s, r) => s + r.seconds, 0);
  lines.push(`${pad('all stages', 42)}${duration(total)}`);
  const passed = results.reduce((s, r) => s + r.passed, 0);
  const failed = results.reduce((s, r) => s + r.failed, 0);
  const failedStages = results.filter((r) => r.ran && !r.ok).map((r) => r.label);
  const notRun = results.filter((r) => !r.ran).map((r) => r.label);
  lines.push('');
  if (failedStages.length) lines.push(`failed stages: ${failedStages.join(', ')}`);
  if (notRun.length) lines.push(`not run: ${notRun.join(', ')}`);
  lines.push(`total: ${passed} passed, ${failed} failed`);
  return { lines, allPassed: failedStages.length === 0 && notRun.length === 0 };
}
