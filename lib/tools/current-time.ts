import { tool } from 'ai';
import { z } from 'zod';

/**
 * current_time: the date and time now (or at a given date) in an IANA time zone, with optional
 * calendar arithmetic. Uses Intl only. Calendar units (years, months, weeks, days) move the local
 * date and keep the wall-clock time, as Temporal does; hours, minutes and seconds are exact elapsed time.
 */

export class CurrentTimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CurrentTimeError';
  }
}

export interface DateTimeFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export interface CurrentTimeResult {
  /** ISO 8601 with the zone's offset, e.g. 2026-03-04T14:05:09.000+01:00. */
  iso: string;
  date: string;
  time: string;
  weekday: string;
  /** e.g. +01:00, -05:00, +00:00. */
  utcOffset: string;
  /** The IANA zone the result is in. */
  timezone: string;
  /** Milliseconds since 1970-01-01T00:00:00Z. */
  epochMs: number;
}

export interface CurrentTimeOptions {
  /** Clock for tests; default Date.now. */
  now?: () => number | Date;
  /** Zone used when the call names none; default UTC. */
  defaultTimeZone?: string;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const MIN_EPOCH = -62_135_596_800_000; // 0001-01-01T00:00:00Z
const MAX_EPOCH = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z

const formatters = new Map<string, Intl.DateTimeFormat>();

let knownZones: Map<string, string> | undefined;

/**
 * A validated IANA zone name, spelled as the user wrote it but with its proper case where Intl knows
 * it ('utc' → 'UTC', 'europe/berlin' → 'Europe/Berlin'); Asia/Kolkata stays Asia/Kolkata even though
 * ICU calls it Asia/Calcutta. Throws for an unknown zone.
 */
export function resolveTimeZone(timeZone: string): string {
  const name = timeZone.trim();
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    if (resolved.toLowerCase() === name.toLowerCase()) return resolved;
    knownZones ??= new Map(Intl.supportedValuesOf('timeZone').map((z) => [z.toLowerCase(), z]));
    return knownZones.get(name.toLowerCase()) ?? name;
  } catch {
    throw new CurrentTimeError(
      `Unknown time zone "${timeZone}". Use an IANA name such as Europe/Paris, America/New_York, Asia/Tokyo or UTC.`,
    );
  }
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock fields of an instant in a zone. */
export function wallClock(epochMs: number, timeZone: string): DateTimeFields {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(epochMs))) parts[p.type] = p.value;
  const year = Number(parts.year);
  return {
    year: parts.era === 'BC' || parts.era === 'B' ? 1 - year : year,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: ((epochMs % 1000) + 1000) % 1000,
  };
}

function utcOf(f: DateTimeFields): number {
  const d = new Date(0);
  d.setUTCFullYear(f.year, f.month - 1, f.day);
  d.setUTCHours(f.hour, f.minute, f.second, f.millisecond);
  return d.getTime();
}

/** The zone's offset from UTC at an instant, in minutes (east positive). */
export function offsetMinutes(epochMs: number, timeZone: string): number {
  const wall = wallClock(epochMs, timeZone);
  return Math.round((utcOf(wall) - epochMs) / 60_000);
}

/**
 * The instant at which a zone's clocks show these fields. In a gap (spring forward) the time moves
 * forward by the gap's length; in an overlap (fall back) the earlier instant wins ('compatible').
 */
export function instantOf(fields: DateTimeFields, timeZone: string): number {
  const asUtc = utcOf(fields);
  const before = offsetMinutes(asUtc - 86_400_000, timeZone);
  const after = offsetMinutes(asUtc + 86_400_000, timeZone);
  const candidates = [asUtc - before * 60_000, asUtc - after * 60_000].filter((t) => {
    const w = wallClock(t, timeZone);
    return (
      w.year === fields.year &&
      w.month === fields.month &&
      w.day === fields.day &&
      w.hour === fields.hour &&
      w.minute === fields.minute
    );
  });
  if (candidates.length > 0) return Math.min(...candidates);
  // Not on the clock (a gap): keep the offset from before the transition.
  return asUtc - before * 60_000;
}

function daysInMonth(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0);
  return d.getUTCDate();
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  return `${sign}${pad(Math.trunc(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

function formatYear(year: number): string {
  if (year >= 0 && year <= 9999) return pad(year, 4);
  return `${year < 0 ? '-' : '+'}${pad(year, 6)}`;
}

export function describeInstant(epochMs: number, timeZone: string): CurrentTimeResult {
  if (!(epochMs >= MIN_EPOCH && epochMs <= MAX_EPOCH)) {
    throw new CurrentTimeError('The date is out of range: only years 1 to 9999 are supported.');
  }
  const w = wallClock(epochMs, timeZone);
  const offset = offsetMinutes(epochMs, timeZone);
  const date = `${formatYear(w.year)}-${pad(w.month)}-${pad(w.day)}`;
  const time = `${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
  const weekdayIndex = new Date(utcOf({ ...w, hour: 12, minute: 0, second: 0, millisecond: 0 })).getUTCDay();
  return {
    iso: `${date}T${time}.${pad(w.millisecond, 3)}${formatOffset(offset)}`,
    date,
    time,
    weekday: WEEKDAYS[weekdayIndex],
    utcOffset: formatOffset(offset),
    timezone: timeZone,
    epochMs,
  };
}

const DATE_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** Parses YYYY-MM-DD[THH:mm[:ss[.sss]]][Z|±HH:mm]; without an offset the time is read in `timeZone`. */
export function parseDateInput(input: string, timeZone: string): number {
  const m = DATE_RE.exec(input.trim());
  if (!m) {
    throw new CurrentTimeError(
      `Could not read the date "${input}". Use YYYY-MM-DD or YYYY-MM-DDTHH:mm[:ss], optionally with Z or an offset like +02:00.`,
    );
  }
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = m;
  const fields: DateTimeFields = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h),
    minute: Number(mi),
    second: Number(s),
    millisecond: Math.floor(Number(`0.${frac}`) * 1000),
  };
  const valid =
    fields.year >= 1 &&
    fields.month >= 1 &&
    fields.month <= 12 &&
    fields.day >= 1 &&
    fields.day <= daysInMonth(fields.year, fields.month) &&
    fields.hour <= 23 &&
    fields.minute <= 59 &&
    fields.second <= 59;
  if (!valid) throw new CurrentTimeError(`"${input}" is not a valid calendar date and time.`);
  if (zone) {
    const offset =
      zone.toUpperCase() === 'Z'
        ? 0
        : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
    return utcOf(fields) - offset * 60_000;
  }
  return instantOf(fields, timeZone);
}

export interface DateAddition {
  years?: number;
  months?: number;
  weeks?: number;
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
}

/** Calendar units on the local date (day clamped to the month's end), then exact time units. */
export function addToInstant(epochMs: number, add: DateAddition, timeZone: string): number {
  let t = epochMs;
  const months = (add.years ?? 0) * 12 + (add.months ?? 0);
  const days = (add.weeks ?? 0) * 7 + (add.days ?? 0);
  if (months !== 0 || days !== 0) {
    const w = wallClock(t, timeZone);
    const totalMonths = w.year * 12 + (w.month - 1) + months;
    const year = Math.floor(totalMonths / 12);
    const month = totalMonths - year * 12 + 1;
    const day = Math.min(w.day, daysInMonth(year, month));
    // move the day count on a UTC calendar, which has no gaps
    const shifted = new Date(utcOf({ ...w, year, month, day }) + days * 86_400_000);
    t = instantOf(
      {
        year: shifted.getUTCFullYear(),
        month: shifted.getUTCMonth() + 1,
        day: shifted.getUTCDate(),
        hour: w.hour,
        minute: w.minute,
        second: w.second,
        millisecond: w.millisecond,
      },
      timeZone,
    );
  }
  t += ((add.hours ?? 0) * 3600 + (add.minutes ?? 0) * 60 + (add.seconds ?? 0)) * 1000;
  return t;
}

const amount = (unit: string, max: number) =>
  z.number().int().min(-max).max(max).optional().describe(`${unit} to add (negative to subtract)`);

export const currentTimeInputSchema = z
  .object({
    timezone: z
      .string()
      .max(64)
      .optional()
      .describe(
        'IANA time zone name such as "Europe/Berlin", "America/New_York", "Asia/Kolkata" or "UTC". Defaults to UTC; ' +
          'use the user’s zone when you know it.',
      ),
    date: z
      .string()
      .max(40)
      .optional()
      .describe(
        'Start from this date instead of now: "YYYY-MM-DD" or "YYYY-MM-DDTHH:mm[:ss]" (read in timezone), ' +
          'or with "Z"/"+02:00" for an exact instant. A date alone means midnight.',
      ),
    add: z
      .object({
        years: amount('Years', 10_000),
        months: amount('Months', 120_000),
        weeks: amount('Weeks', 600_000),
        days: amount('Days', 4_000_000),
        hours: amount('Hours', 100_000_000),
        minutes: amount('Minutes', 6_000_000_000),
        seconds: amount('Seconds', 400_000_000_000),
      })
      .strict()
      .optional()
      .describe(
        'Date arithmetic, e.g. { "days": 3, "hours": 2 } or { "months": -1 }. Years, months, weeks and days keep the ' +
          'local clock time; hours, minutes and seconds are elapsed time.',
      ),
  })
  // Small models sometimes spell the zone timeZone or tz: accept those keys too (see zoneOf).
  .loose();

export type CurrentTimeInput = z.infer<typeof currentTimeInputSchema>;

const ZONE_ALIASES = ['timeZone', 'time_zone', 'tz', 'zone'] as const;

function zoneOf(input: CurrentTimeInput): string | undefined {
  if (input.timezone) return input.timezone;
  for (const key of ZONE_ALIASES) {
    const value = input[key];
    if (typeof value === 'string' && value.trim()) return value;
  }
  return undefined;
}

export function currentTime(input: CurrentTimeInput, options: CurrentTimeOptions = {}): CurrentTimeResult {
  const timeZone = resolveTimeZone(zoneOf(input) ?? options.defaultTimeZone ?? 'UTC');
  const now = options.now?.() ?? Date.now();
  let t = input.date ? parseDateInput(input.date, timeZone) : typeof now === 'number' ? now : now.getTime();
  if (input.add) t = addToInstant(t, input.add, timeZone);
  return describeInstant(t, timeZone);
}

export function createCurrentTimeTool(options: CurrentTimeOptions = {}) {
  return tool({
    description:
      'Get the current date, time and weekday in a time zone, or compute a date: "what day is it in Tokyo", ' +
      '"what is the date in 90 days", "which weekday was 2024-02-29". Returns an ISO timestamp with UTC offset, ' +
      'the weekday and the zone. Call it whenever the answer depends on today’s date or the time.',
    inputSchema: currentTimeInputSchema,
    execute: async (input) => currentTime(input, options),
  });
}
