/**
 * Runs once when the server starts, before it serves a request: checks the configuration (a bad
 * value stops the server with one line naming the variable), applies migrations, and marks answers
 * that a previous process left `streaming` as `interrupted`.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { boot } = await import('./lib/boot');
  boot();
}
