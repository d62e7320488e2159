/**
 * Server logs: one JSON line per event, on stderr for errors and stdout otherwise. What goes in is
 * chosen by the caller (ids, codes, routes), never a request body or a message; text that may
 * still carry a secret (an error message quoting a header or a URL) is passed through `redact`.
 */

export type LogLevel = 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined>;

const SECRET_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // Authorization headers and bearer tokens.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi, '$1 [redacted]'],
  // key=value and "key": "value" pairs whose name says secret.
  [
    /\b((?:api[_-]?key|apikey|token|access[_-]?token|secret|password|passwd|cookie|set-cookie|authorization|session[_-]?token)["']?\s*[:=]\s*["']?)[^\s"',;&]+/gi,
    '$1[redacted]',
  ],
  // Well-known key shapes (OpenAI-style, GitHub, Slack, JWTs).
  [/\b(sk|pk|rk)-[A-Za-z0-9_-]{12,}/g, '[redacted]'],
  [/\bgh[pousr]_[A-Za-z0-9]{20,}/g, '[redacted]'],
  [/\bxox[abpr]-[A-Za-z0-9-]{10,}/g, '[redacted]'],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, '[redacted]'],
  // Credentials in URLs: scheme://user:pass@host.
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]+@/gi, '$1[redacted]@'],
];

const MAX_TEXT = 500;

/** Removes what looks like a secret from free text, and bounds its length. */
export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out.length > MAX_TEXT ? `${out.slice(0, MAX_TEXT)}…` : out;
}

/** Writes one structured log line. */
export function log(level: LogLevel, msg: string, fields: LogFields = {}): void {
  const line: Record<string, unknown> = { time: new Date().toISOString(), level, msg };
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) line[key] = typeof value === 'string' ? redact(value) : value;
  }
  const text = `${JSON.stringify(line)}\n`;
  if (level === 'error') process.stderr.write(text);
  else process.stdout.write(text);
}

/**
 * The parts of an unknown error that are safe to log: its class and its message, redacted, with long
 * quoted text cut out (a JSON or SQL error quotes the input it choked on, which may be a message).
 */
export function errorFields(error: unknown): LogFields {
  const message = error instanceof Error ? error.message : String(error);
  return {
    errorName: error instanceof Error ? error.name : typeof error,
    errorMessage: redact(message.replace(/(["'`])[^"'`\n]{24,}\1/g, '$1…$1')).slice(0, 300),
  };
}
