import { and, eq, gte, sql } from 'drizzle-orm';
import type { MessageUsage } from '@/lib/chat/types';
import type { PriceSnapshot } from '@/lib/usage/cost';
import type { Db } from '../client';
import { usageEvents, user } from '../schema';

export interface NewUsageEvent {
  id: string;
  ownerId: string;
  conversationId: string;
  messageId: string | null;
  kind: 'answer' | 'summary';
  usage: MessageUsage;
  price: PriceSnapshot;
  createdAt?: number;
}

/** Records what one answer (all its tool-loop steps) or one summary used, at the prices of the moment. */
export function recordUsage(db: Db, event: NewUsageEvent): void {
  const input = event.usage.inputTokens ?? 0;
  db.insert(usageEvents)
    .values({
      id: event.id,
      ownerId: event.ownerId,
      conversationId: event.conversationId,
      messageId: event.messageId,
      kind: event.kind,
      inputTokens: input,
      cachedInputTokens: Math.min(event.usage.cachedInputTokens ?? 0, input),
      outputTokens: event.usage.outputTokens ?? 0,
      reasoningTokens: event.usage.reasoningTokens ?? 0,
      inputPico: event.price.inputPico,
      cachedInputPico: event.price.cachedInputPico,
      outputPico: event.price.outputPico,
      createdAt: event.createdAt ?? Date.now(),
    })
    .onConflictDoNothing()
    .run();
}

/** Totals of a group of usage rows; `costPico` is a decimal string (exact, may exceed 2^53). */
export interface UsageTotals {
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  /** Answers and summaries counted. */
  messages: number;
  costPico: string;
}

/** Cost in SQL, in integers: uncached input × input price + cached × cached price + output × output price. */
const costPicoSql = sql<string>`cast(coalesce(sum(
  (${usageEvents.inputTokens} - ${usageEvents.cachedInputTokens}) * ${usageEvents.inputPico}
  + ${usageEvents.cachedInputTokens} * ${usageEvents.cachedInputPico}
  + ${usageEvents.outputTokens} * ${usageEvents.outputPico}), 0) as text)`;

const totalsColumns = {
  inputTokens: sql<number>`coalesce(sum(${usageEvents.inputTokens}), 0)`,
  cachedInputTokens: sql<number>`coalesce(sum(${usageEvents.cachedInputTokens}), 0)`,
  outputTokens: sql<number>`coalesce(sum(${usageEvents.outputTokens}), 0)`,
  reasoningTokens: sql<number>`coalesce(sum(${usageEvents.reasoningTokens}), 0)`,
  messages: sql<number>`count(*)`,
  costPico: costPicoSql,
};

/** Everything one conversation has used (every branch and summary), for its header. */
export function conversationUsage(db: Db, ownerId: string, conversationId: string): UsageTotals {
  return db
    .select(totalsColumns)
    .from(usageEvents)
    .where(and(eq(usageEvents.ownerId, ownerId), eq(usageEvents.conversationId, conversationId)))
    .get() as UsageTotals;
}

export interface DailyUsage extends UsageTotals {
  /** YYYY-MM-DD in the viewer's time zone. */
  day: string;
}

/** The local day of a stored timestamp, for a time zone `offsetMinutes` east of UTC. */
function daySql(offsetMinutes: number) {
  return sql<string>`date(${usageEvents.createdAt} / 1000 + ${offsetMinutes * 60}, 'unixepoch')`;
}

/** One owner's usage per day since `sinceMs`, newest day first. */
export function dailyUsage(db: Db, ownerId: string, sinceMs: number, offsetMinutes: number): DailyUsage[] {
  const day = daySql(offsetMinutes);
  return db
    .select({ day, ...totalsColumns })
    .from(usageEvents)
    .where(and(eq(usageEvents.ownerId, ownerId), gte(usageEvents.createdAt, sinceMs)))
    .groupBy(day)
    .orderBy(sql`1 desc`)
    .all() as DailyUsage[];
}

export interface UserDailyUsage extends DailyUsage {
  userId: string;
  name: string;
  email: string;
}

/** Admins only (the route checks the role): every user's usage per day since `sinceMs`. */
export function dailyUsageAllUsers(db: Db, sinceMs: number, offsetMinutes: number): UserDailyUsage[] {
  const day = daySql(offsetMinutes);
  return db
    .select({ day, userId: usageEvents.ownerId, name: user.name, email: user.email, ...totalsColumns })
    .from(usageEvents)
    .innerJoin(user, eq(user.id, usageEvents.ownerId))
    .where(gte(usageEvents.createdAt, sinceMs))
    .groupBy(day, usageEvents.ownerId)
    .orderBy(sql`1 desc`, user.email)
    .all() as UserDailyUsage[];
}
