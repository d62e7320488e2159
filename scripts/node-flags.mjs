// The V8 flags the production server runs with, in one place. Everything that starts the server
// passes them to `node` before scripts/start.mjs (a flag that sizes the heap must be given when the
// process starts): `npm start` and the Dockerfile's CMD spell them out (lib/__tests__/server-node-flags.test.ts
// checks that they match), the benchmarks, the e2e servers and the boot test import them from here.
//
// --max-semi-space-size=2: V8 grows the young generation up to 16 MB per semi-space (32 MB of the
// heap, all of it resident once the server has collected a few times); 2 MB keeps it at 4 MB.
// Measured on the idle server (bench B7): about −20 MB RSS. Its cost is more frequent young-generation
// collections while answers stream: bench/README.md has the CPU-per-token figures with and without.
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=2'];
