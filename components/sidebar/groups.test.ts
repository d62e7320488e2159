import { describe, expect, it } from 'vitest';
import type { ConversationSummary } from '@/db/queries/conversations';
import { groupOf, sidebarRows } from './groups';

const at = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();
const now = at(2026, 3, 15, 9);

function conversation(id: string, updatedAt: number, pinned = false): ConversationSummary {
  return { id, title: id, pinned, archived: false, titleSource: 'auto', updatedAt };
}

describe('sidebar groups', () => {
  it('puts a time into Today, Yesterday, Previous 7 days, Previous 30 days or Older by local days', () => {
    expect(groupOf(at(2026, 3, 15, 0), now)).toBe('today');
    expect(groupOf(at(2026, 3, 14, 23), now)).toBe('yesterday');
    expect(groupOf(at(2026, 3, 14, 0), now)).toBe('yesterday');
    expect(groupOf(at(2026, 3, 13, 23), now)).toBe('previous7Days');
    expect(groupOf(at(2026, 3, 8, 1), now)).toBe('previous7Days');
    expect(groupOf(at(2026, 3, 7, 23), now)).toBe('previous30Days');
    expect(groupOf(at(2026, 2, 14, 1), now)).toBe('previous30Days');
    expect(groupOf(at(2026, 2, 1), now)).toBe('older');
  });

  it('pinned conversations come first under their own header, then one header per group', () => {
    const rows = sidebarRows(
      [
        conversation('p', at(2025, 1, 1), true),
        conversation('a', at(2026, 3, 15, 8)),
        conversation('b', at(2026, 3, 15, 1)),
        conversation('c', at(2026, 3, 14)),
        conversation('d', at(2020, 1, 1)),
      ],
      now,
    );
    expect(rows.map((r) => (r.kind === 'header' ? `# ${r.label}` : r.conversation.id))).toEqual([
      '# pinned',
      'p',
      '# today',
      'a',
      'b',
      '# yesterday',
      'c',
      '# older',
      'd',
    ]);
  });

  it('has no headers before the time zone is known', () => {
    expect(sidebarRows([conversation('a', now)], null).map((r) => r.kind)).toEqual(['conversation']);
  });
});
