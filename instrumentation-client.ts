// Runs in the browser before the app's own code. zod compiles object schemas with `new Function`
// when it may, and probes for that as schemas are built (the AI SDK builds them as it loads). The
// page CSP has no 'unsafe-eval', so the probe would be refused and reported as a CSP violation on
// every chat page, though zod then falls back anyway. Jitless skips the probe: same results, no
// violation. zod keeps its settings on this global, shared by every copy of it in the bundle.
const zodScope = globalThis as { __zod_globalConfig?: Record<string, unknown> };
zodScope.__zod_globalConfig = { ...zodScope.__zod_globalConfig, jitless: true };
