// The V8 flags (and the one environment variable) the production server runs with, in one place. Everything that starts the server
// passes them to `node` before scripts/start.mjs (a flag that sizes the heap must be given when the
// process starts): `npm start` and the Dockerfile's CMD spell them out (lib/__tests__/server-node-flags.test.ts
// checks that they match), the benchmarks, the e2e servers and the boot test import them from here.
//
// --max-semi-space-size=2: V8 grows the young generation up to 16 MB per semi-space (32 MB of the
// heap, all of it resident once the server has collected a few times); 2 MB keeps it at 4 MB.
// Measured on the idle server (bench B7): about −20 MB RSS. Its cost is more frequent young-generation
// collections while answers stream: bench/README.md has the CPU-per-token figures with and without.
//
// --heap-growing-percent=100: after a full collection V8 lets the old generation grow to up to 4× what
// survived before the next one when the server allocates fast (streaming many answers: ~60 MB/s of
// short-lived objects at 500 streams). Measured under bench B2 (100/300/500 streams, --trace-gc):
// ~85 MB survived each collection, the heap grew to 340–400 MB between them and the pages stayed
// resident, RSS 450–760 MB. Factor 2 keeps the heap under ~160 MB (RSS ~260 MB) for a major GC
// every ~3–4 s instead of ~4–5 s (each 10–30 ms of CPU).
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=2', '--heap-growing-percent=100'];

// MALLOC_TRIM_THRESHOLD_=131072 (glibc's malloc, read when the process starts, so it cannot be set
// from JavaScript): give memory freed at the top of a malloc arena back to the system once 128 KB are
// free there. That is glibc's default threshold, but glibc raises it (up to 64 MB) each time a large
// block it had mmap'ed is freed, and then keeps up to that much freed memory. Measured on the idle
// server (bench B7, `node bench/profile-b7-memory.mjs`): V8's optimising compiler, on a background
// thread, uses ~30 MB of malloc'ed zone memory for one large function during the first requests; with
// the raised threshold 9 MB of it stayed resident in that thread's arena in about half the runs
// (idle RSS 142–152 MB), with this setting none (135–139 MB). Setting it also keeps glibc from
// raising its mmap threshold (blocks of 128 KB and more are mmap'ed and returned when freed).
// Ignored where the C library is not glibc (musl, macOS). `npm start` and the Docker image set it;
// the benchmarks and e2e servers take it from here.
export const SERVER_ENV = { MALLOC_TRIM_THRESHOLD_: '131072' };
