import { z } from 'zod';

/** The usage page's query: how many days back, and the viewer's time zone (minutes east of UTC). */
export const usageQuerySchema = z.object({
  days: z.coerce
    .number()
    .int()
    .refine((d) => d === 30 || d === 90, { error: '30 or 90' })
    .default(30),
  offset: z.coerce
    .number()
    .int()
    .min(-840, { error: 'minutes east of UTC, −840 to 840' })
    .max(840)
    .default(0),
  scope: z.enum(['me', 'all'], { error: 'me or all' }).default('me'),
});
export type UsageQuery = z.infer<typeof usageQuerySchema>;

/** The first moment counted: midnight (in the viewer's zone) `days − 1` days before today. */
export function usageSince(days: number, offsetMinutes: number, now = Date.now()): number {
  const dayMs = 86_400_000;
  const local = now + offsetMinutes * 60_000;
  const startOfLocalToday = Math.floor(local / dayMs) * dayMs;
  return startOfLocalToday - (days - 1) * dayMs - offsetMinutes * 60_000;
}
