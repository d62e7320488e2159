import type { ConversationSummary } from '@/db/queries/conversations';

/** Message keys (`sidebar.groups.*`) of the groups, in order. */
export type GroupLabel = 'pinned' | 'today' | 'yesterday' | 'previous7Days' | 'previous30Days' | 'older';

export type SidebarRow =
  | { kind: 'header'; key: string; label: GroupLabel }
  | { kind: 'conversation'; key: string; conversation: ConversationSummary };

const DAY = 24 * 60 * 60 * 1000;

/** Local midnight of the day `time` falls on (in the browser's time zone, DST included). */
function startOfDay(time: number): number {
  const d = new Date(time);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** Which group a conversation updated at `updatedAt` belongs to, seen at `now`, in local time. */
export function groupOf(updatedAt: number, now: number): Exclude<GroupLabel, 'pinned'> {
  const today = startOfDay(now);
  if (updatedAt >= today) return 'today';
  const yesterday = startOfDay(today - DAY / 2);
  if (updatedAt >= yesterday) return 'yesterday';
  if (updatedAt >= startOfDay(today - 7 * DAY + DAY / 2)) return 'previous7Days';
  if (updatedAt >= startOfDay(today - 30 * DAY + DAY / 2)) return 'previous30Days';
  return 'older';
}

/**
 * The flat rows of the virtualised list: a header before each group, pinned conversations first
 * in their own group. `conversations` is in the server's order (pinned first, newest first).
 * Without `now` (the first render, before the browser's time zone is known) there are no headers.
 */
export function sidebarRows(conversations: ConversationSummary[], now: number | null): SidebarRow[] {
  const rows: SidebarRow[] = [];
  let current: GroupLabel | null = null;
  for (const conversation of conversations) {
    if (now !== null) {
      const label: GroupLabel = conversation.pinned ? 'pinned' : groupOf(conversation.updatedAt, now);
      if (label !== current) {
        rows.push({ kind: 'header', key: `header:${label}`, label });
        current = label;
      }
    }
    rows.push({ kind: 'conversation', key: conversation.id, conversation });
  }
  return rows;
}
