// `npm test`: every check the project has, in the order a failure is cheapest to find.
// lint → types → unit tests (vitest) → production build → browser tests (Playwright, Debian Chromium).
// Every stage runs even when an earlier one failed, except those that need what failed (the browser
// tests need the build). It ends with a table of the stages (counts and durations) and one line
// "total: N passed, N failed" that counts every stage that ran, also on failure, and names the
// stages that failed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { countsOf, formatTally } from './test-tally.mjs';

const root = path.resolve(import.meta.dirname, '..');
process.chdir(root);
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Runs a command in the foreground; true when it exited 0. */
function exec(command, args, env = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return { ok: result.status === 0, exit: result.status ?? result.signal };
}

/** A setup step that every stage needs: on failure, stop here. */
function setup(label, command, args) {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`);
  const { ok, exit } = exec(command, args);
  if (ok) return;
  console.error(`\n✖ ${label} failed (exit ${exit}).`);
  console.log(`total: 0 passed, 1 failed (failed: ${label})`);
  process.exit(1);
}

function ensureChromium() {
  if (fs.existsSync(chromium)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && fs.existsSync('/usr/bin/apt-get')) {
    console.log(`Chromium is missing at ${chromium}: installing Debian's chromium package…`);
    setup('apt-get update', 'apt-get', ['update', '-qq']);
    setup('install chromium', 'apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium']);
    return;
  }
  console.error(
    `Chromium is missing at ${chromium}. Install it (sudo apt-get install -y chromium) or set CHROMIUM_PATH.`,
  );
  process.exit(1);
}

if (!fs.existsSync(path.join(root, 'node_modules'))) setup('install', 'npm', ['ci']);
ensureChromium();
fs.rmSync(path.join(root, 'test-reports'), { recursive: true, force: true });

/**
 * The stages. `report` names the JSON report a test runner writes (its counts are read even when
 * the stage failed); a stage without one counts as one check. `needs` names a stage that must have
 * passed first.
 */
const stages = [
  { label: 'lint', command: 'npx', args: ['biome', 'check', '.'] },
  { label: 'types', command: 'npx', args: ['tsc', '--noEmit', '-p', '.'] },
  {
    label: 'unit tests',
    command: 'npx',
    args: [
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=test-reports/unit-results.json',
    ],
    report: { file: 'test-reports/unit-results.json', kind: 'vitest' },
  },
  { label: 'build', command: 'npm', args: ['run', 'build'] },
  {
    label: 'browser tests',
    command: 'npx',
    args: ['playwright', 'test'],
    needs: 'build',
    report: { file: 'test-reports/e2e-results.json', kind: 'playwright' },
  },
];

const results = [];
for (const stage of stages) {
  const needed = stage.needs && results.find((r) => r.label === stage.needs);
  if (needed && !needed.ok) {
    console.log(`\n▷ ${stage.label}: not run (${stage.needs} failed)`);
    results.push({ label: stage.label, ran: false, ok: false, passed: 0, failed: 0, seconds: 0 });
    continue;
  }
  console.log(`\n▶ ${stage.label}: ${stage.command} ${stage.args.join(' ')}`);
  const started = Date.now();
  const { ok, exit } = exec(stage.command, stage.args);
  const seconds = (Date.now() - started) / 1000;
  if (!ok) console.error(`\n✖ ${stage.label} failed (exit ${exit}).`);
  const counts = countsOf(stage.report, ok, (file) => fs.readFileSync(file, 'utf8'));
  results.push({ label: stage.label, ran: true, ok, ...counts, seconds });
}

const { lines, allPassed } = formatTally(results);
console.log(`\n${lines.join('\n')}`);
process.exit(allPassed ? 0 : 1);
