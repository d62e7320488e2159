// After `next build`: the standalone server needs the static assets, public/ and the migrations beside it.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const standalone = path.join(root, '.next', 'standalone');
if (!fs.existsSync(path.join(standalone, 'server.js'))) {
  console.error('copy-standalone-assets: .next/standalone/server.js is missing; did `next build` run?');
  process.exit(1);
}
const copies = [
  ['public', 'public'],
  [path.join('.next', 'static'), path.join('.next', 'static')],
  ['drizzle', 'drizzle'],
];
for (const [from, to] of copies) {
  const source = path.join(root, from);
  if (!fs.existsSync(source)) continue;
  const target = path.join(standalone, to);
  fs.rmSync(target, { recursive: true, force: true });
  fs.cpSync(source, target, { recursive: true });
}
console.log('copy-standalone-assets: standalone server ready in .next/standalone');
