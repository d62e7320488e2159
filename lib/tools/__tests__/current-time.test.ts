/** current_time: zones validated with Intl, an injected clock, and date arithmetic across DST changes. */

import { describe, expect, it } from 'vitest';
import { type CurrentTimeInput, createCurrentTimeTool, currentTime } from '@/lib/tools/current-time';

// Saturday 2026-03-28 23:30 UTC: the night Europe moves its clocks forward.
const NOW = Date.parse('2026-03-28T23:30:00Z');
const clock = { now: () => NOW };
const at = (input: CurrentTimeInput) => currentTime(input, clock);

describe('now', () => {
  it('defaults to UTC', () => {
    expect(at({})).toEqual({
      iso: '2026-03-28T23:30:00.000+00:00',
      date: '2026-03-28',
      time: '23:30:00',
      weekday: 'Saturday',
      utcOffset: '+00:00',
      timezone: 'UTC',
      epochMs: NOW,
    });
  });

  it.each([
    ['Europe/Berlin', '2026-03-29T00:30:00.000+01:00', 'Sunday'],
    ['America/New_York', '2026-03-28T19:30:00.000-04:00', 'Saturday'],
    ['Asia/Kolkata', '2026-03-29T05:00:00.000+05:30', 'Sunday'],
    ['America/St_Johns', '2026-03-28T21:00:00.000-02:30', 'Saturday'],
    ['Pacific/Kiritimati', '2026-03-29T13:30:00.000+14:00', 'Sunday'],
    ['Asia/Kathmandu', '2026-03-29T05:15:00.000+05:45', 'Sunday'],
  ])('in %s it is %s, a %s', (timezone, iso, weekday) => {
    expect(at({ timezone })).toMatchObject({ iso, weekday, timezone });
  });

  it('fixes the case of a zone name', () => {
    expect(at({ timezone: 'europe/paris' }).timezone).toBe('Europe/Paris');
    expect(at({ timezone: 'utc' }).timezone).toBe('UTC');
  });

  it('refuses an unknown zone with a readable message', () => {
    expect(() => at({ timezone: 'Mars/Olympus_Mons' })).toThrow(
      'Unknown time zone "Mars/Olympus_Mons". Use an IANA name such as Europe/Paris, America/New_York, Asia/Tokyo or UTC.',
    );
  });

  it('accepts the zone under the keys models tend to use', () => {
    expect(at({ timeZone: 'Asia/Tokyo' }).timezone).toBe('Asia/Tokyo');
    expect(at({ tz: 'Asia/Tokyo' }).iso).toBe('2026-03-29T08:30:00.000+09:00');
  });

  it('uses the real clock when none is injected', () => {
    const before = Date.now();
    const { epochMs } = currentTime({});
    expect(epochMs).toBeGreaterThanOrEqual(before);
    expect(epochMs).toBeLessThanOrEqual(Date.now());
  });
});

describe('date arithmetic', () => {
  it('adds days and hours to a given date', () => {
    expect(at({ date: '2026-03-01', add: { days: 3, hours: 2 } })).toMatchObject({
      iso: '2026-03-04T02:00:00.000+00:00',
      weekday: 'Wednesday',
    });
  });

  it('keeps the wall-clock time across a DST change for days, but not for hours', () => {
    expect(at({ timezone: 'Europe/Berlin', add: { days: 1 } }).iso).toBe('2026-03-30T00:30:00.000+02:00');
    expect(at({ timezone: 'Europe/Berlin', add: { hours: 24 } }).iso).toBe('2026-03-30T01:30:00.000+02:00');
  });

  it('clamps to the end of a shorter month', () => {
    expect(at({ date: '2024-01-31', add: { months: 1 } }).date).toBe('2024-02-29');
    expect(at({ date: '2024-02-29', add: { years: 1 } }).date).toBe('2025-02-28');
    expect(at({ date: '2026-03-31', add: { months: -1 } }).date).toBe('2026-02-28');
  });

  it('reads a date in the zone, or as an exact instant when it has an offset', () => {
    expect(at({ timezone: 'Asia/Tokyo', date: '2026-07-01T09:00' }).iso).toBe(
      '2026-07-01T09:00:00.000+09:00',
    );
    expect(at({ timezone: 'America/New_York', date: '2026-03-01T12:00:00Z' }).iso).toBe(
      '2026-03-01T07:00:00.000-05:00',
    );
    expect(at({ timezone: 'UTC', date: '2026-03-01T12:00:00+02:00' }).iso).toBe(
      '2026-03-01T10:00:00.000+00:00',
    );
  });

  it('moves a time in the spring-forward gap forward, and takes the earlier of a repeated hour', () => {
    expect(at({ timezone: 'Europe/Berlin', date: '2026-03-29T02:30' }).iso).toBe(
      '2026-03-29T03:30:00.000+02:00',
    );
    expect(at({ timezone: 'Europe/Berlin', date: '2026-10-25T02:30' }).iso).toBe(
      '2026-10-25T02:30:00.000+02:00',
    );
  });

  it('knows the weekday of any date', () => {
    expect(at({ date: '2024-02-29' }).weekday).toBe('Thursday');
    expect(at({ date: '2000-01-01' }).weekday).toBe('Saturday');
  });

  it('refuses impossible dates and dates out of range', () => {
    expect(() => at({ date: '2026-02-30' })).toThrow('"2026-02-30" is not a valid calendar date and time.');
    expect(() => at({ date: 'next tuesday' })).toThrow(
      /Could not read the date "next tuesday"\. Use YYYY-MM-DD/,
    );
    expect(() => at({ date: '9999-12-31', add: { days: 1 } })).toThrow(/only years 1 to 9999/);
  });
});

describe('as a tool', () => {
  it('validates its input with zod and runs execute with the injected clock', async () => {
    const currentTimeTool = createCurrentTimeTool(clock);
    const output = await currentTimeTool.execute?.(
      { timezone: 'Asia/Shanghai', add: { weeks: 1 } },
      { toolCallId: 't1', messages: [] },
    );
    expect(output).toMatchObject({ iso: '2026-04-05T07:30:00.000+08:00', weekday: 'Sunday' });
  });
});
