// The image's HEALTHCHECK (no curl in a slim image): exit 0 when /api/health answers 200 within 4 s.
const port = process.env.PORT || '3000';
const host =
  !process.env.HOST || ['0.0.0.0', '::', '[::]'].includes(process.env.HOST) ? '127.0.0.1' : process.env.HOST;
try {
  const response = await fetch(`http://${host.includes(':') ? `[${host}]` : host}:${port}/api/health`, {
    signal: AbortSignal.timeout(4000),
  });
  process.exit(response.ok ? 0 : 1);
} catch (error) {
  console.error(`healthcheck: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
