// Preloaded (`node --require bench/b7-memory-probe.cjs`) only by bench/profile-b7-memory.mjs, never by
// the server users run. On SIGWINCH it writes, without collecting garbage first, the V8 heap
// statistics and the server chunks Node has loaded (size, and whether V8 holds their source as
// one-byte Latin-1 or two-byte text) to <tmpdir>/b7-probe-<pid>.json.
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const v8 = require('node:v8');

// With --expose-gc, SIGTTIN collects all garbage: the floor that idle memory could reach.
process.on('SIGTTIN', () => globalThis.gc?.());

process.on('SIGWINCH', () => {
  const modules = [];
  for (const file of Object.keys(require.cache)) {
    if (!file.endsWith('.js')) continue;
    let chars = 0;
    let twoByte = false;
    let hash = '';
    try {
      const text = fs.readFileSync(file, 'utf8');
      chars = text.length;
      // Turbopack emits per-route copies of a chunk that differ only in their source map comment.
      hash = crypto
        .createHash('sha1')
        .update(text.replace(/\/\/# sourceMappingURL=\S+\s*$/, ''))
        .digest('hex');
      for (let i = 0; i < text.length; i++) {
        if (text.charCodeAt(i) > 0xff) {
          twoByte = true;
          break;
        }
      }
    } catch {}
    modules.push({ file, chars, twoByte, hash });
  }
  fs.writeFileSync(
    path.join(os.tmpdir(), `b7-probe-${process.pid}.json`),
    JSON.stringify({
      heap: v8.getHeapStatistics(),
      spaces: v8.getHeapSpaceStatistics(),
      code: v8.getHeapCodeStatistics(),
      memory: process.memoryUsage(),
      modules,
    }),
  );
});
