import type { z } from 'zod';
import { MAX_BODY_BYTES } from '@/lib/chat/request';
import { PayloadTooLargeError, ValidationError } from '@/lib/errors';

/** The largest body any API route reads (the chat request's limit: a message plus its envelope). */
export const DEFAULT_MAX_BODY_BYTES = MAX_BODY_BYTES;

/** Routes that take no body still read at most this much (a stray body is ignored, a huge one refused). */
export const NO_BODY_MAX_BYTES = 16_384;

/** 413 when the declared length is over the limit (before anything is read). */
export function assertDeclaredBodySize(request: Request, maxBytes: number): void {
  const declared = request.headers.get('content-length');
  if (declared === null) return;
  const length = Number(declared);
  if (!Number.isFinite(length) || length < 0) throw new ValidationError('Invalid Content-Length.');
  if (length > maxBytes) throw new PayloadTooLargeError(maxBytes);
}

/** The body as text, read in chunks and abandoned (413) as soon as it passes `maxBytes`. */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  assertDeclaredBodySize(request, maxBytes);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new PayloadTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
}

/**
 * Reads a JSON body and validates it with `schema`: 413 over the limit, 400 for bad JSON or a value
 * the schema refuses (the message names the field).
 */
export async function readJson<S extends z.ZodType>(
  request: Request,
  schema: S,
  maxBytes = DEFAULT_MAX_BODY_BYTES,
): Promise<z.infer<S>> {
  const raw = await readBodyText(request, maxBytes);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ValidationError('The request body is not valid JSON.');
  }
  return parseWith(schema, json, 'body');
}

/** Validates any input (params, query, body) with zod; a failure is a 400 naming the field. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || what;
  throw new ValidationError(`Invalid ${field}: ${issue?.message ?? 'invalid value'}`, field);
}
