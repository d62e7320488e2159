import type { ShareSummary } from '@/db/queries/shares';
import { getConfig } from '@/lib/config';
import { ValidationError } from '@/lib/errors';
import { ownOrigin } from '@/lib/http/origin';
import { type ShareSettings, shareSettingsSchema } from './options';

const MAX_BODY_BYTES = 4096;

/** The "Create link" / "Update link" body; every failure is a 400 that names the field. */
export async function parseShareSettings(request: Request): Promise<ShareSettings> {
  const raw = await request.text();
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) throw new ValidationError('The request body is too large.');
  let json: unknown = {};
  if (raw.trim()) {
    try {
      json = JSON.parse(raw);
    } catch {
      throw new ValidationError('The request body is not valid JSON.');
    }
  }
  const parsed = shareSettingsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'body';
    throw new ValidationError(`Invalid ${field}: ${issue?.message ?? 'invalid value'}`, field);
  }
  return parsed.data;
}

/** The public address links are made for: APP_URL, or the host this request reached. */
export function publicBase(request: Request): string {
  return getConfig().auth.appUrl?.replace(/\/+$/, '') ?? ownOrigin(request) ?? new URL(request.url).origin;
}

/** A link as the owner's API returns it: with its full URL. */
export function shareJson(share: ShareSummary, base: string) {
  return { ...share, url: `${base}/s/${share.token}` };
}

export type ShareJson = ReturnType<typeof shareJson>;
