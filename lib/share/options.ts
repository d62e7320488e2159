import { z } from 'zod';
import type { ShareOptions } from '@/db/schema';

export const SHARE_EXPIRIES = [
  'never',
  '1d',
  '7d',
  '30d',
] as const satisfies readonly ShareOptions['expiry'][];
export type ShareExpiry = ShareOptions['expiry'];

const DAY_MS = 24 * 60 * 60 * 1000;
const EXPIRY_MS: Record<ShareExpiry, number | null> = {
  never: null,
  '1d': DAY_MS,
  '7d': 7 * DAY_MS,
  '30d': 30 * DAY_MS,
};

/** The body of "Create link" and "Update link": what to show, and how long the link lives. */
export const shareSettingsSchema = z
  .object({
    reasoning: z.boolean().default(true),
    tools: z.boolean().default(true),
    indexable: z.boolean().default(false),
    expiry: z.enum(SHARE_EXPIRIES).default('never'),
  })
  .strict();

export type ShareSettings = z.infer<typeof shareSettingsSchema>;

/** When a link made or updated at `now` with this expiry stops working (null: never). */
export function expiresAtFor(expiry: ShareExpiry, now: number): number | null {
  const ms = EXPIRY_MS[expiry];
  return ms === null ? null : now + ms;
}

export function optionsOf(settings: ShareSettings): ShareOptions {
  return {
    reasoning: settings.reasoning,
    tools: settings.tools,
    indexable: settings.indexable,
    expiry: settings.expiry,
  };
}
