import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_ENV, SERVER_NODE_FLAGS } from '../../scripts/node-flags.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

// `npm start` and the Docker image spell the flags out; the benchmarks and the e2e servers import
// them. A flag changed in one place and not the other would measure one server and ship another.
describe('the server is started with the same V8 flags everywhere', () => {
  it('has flags to pass', () => {
    expect(SERVER_NODE_FLAGS.length).toBeGreaterThan(0);
    for (const flag of SERVER_NODE_FLAGS) expect(flag).toMatch(/^--[a-z-]+(=\S+)?$/);
  });

  it('npm start sets the environment and passes the flags before the start script', () => {
    const { scripts } = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    const env = Object.entries(SERVER_ENV).map(([name, value]) => `${name}=${value}`);
    expect(scripts.start).toBe([...env, 'node', ...SERVER_NODE_FLAGS, 'scripts/start.mjs'].join(' '));
  });

  it('the Docker image sets the same environment for the server', () => {
    const dockerfile = read('Dockerfile');
    // The runtime stage (the last FROM) is the one the server runs in.
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    const env = runtime
      .replaceAll('\\\n', ' ')
      .split('\n')
      .filter((line) => line.startsWith('ENV '))
      .join(' ');
    expect(Object.keys(SERVER_ENV).length).toBeGreaterThan(0);
    for (const [name, value] of Object.entries(SERVER_ENV)) {
      expect(name).toMatch(/^[A-Z_]+$/);
      expect(env).toMatch(new RegExp(`(^|\\s)${name}=${value}(\\s|$)`));
    }
  });

  it("the Docker image's CMD passes them before the start script", () => {
    const cmd = read('Dockerfile')
      .split('\n')
      .filter((line) => line.startsWith('CMD '))
      .at(-1);
    expect(cmd).toBe(
      `CMD ${JSON.stringify(['node', ...SERVER_NODE_FLAGS, 'scripts/start.mjs']).replaceAll(',', ', ')}`,
    );
  });
});
