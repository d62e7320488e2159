/**
 * db/schema-pg.ts declares the tables of db/schema.ts for PostgreSQL: the same tables, SQL names,
 * JS property names, nullability and (checked by tsc) the same row types, so a query written once
 * reads and writes the same values on both dialects.
 */
import { getTableColumns, getTableName, is } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { COPY_TABLES } from '@/db/dialect/pg-copy';
import * as lite from '@/db/schema';
import * as pgs from '@/db/schema-pg';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Same<K extends keyof typeof lite & keyof typeof pgs> = K extends unknown
  ? (typeof lite)[K] extends { $inferSelect: infer S; $inferInsert: infer I }
    ? (typeof pgs)[K] extends { $inferSelect: infer PS; $inferInsert: infer PI }
      ? Equal<S, PS> extends true
        ? Equal<I, PI>
        : false
      : false
    : false
  : never;

type AllSame = Same<
  | 'user'
  | 'session'
  | 'account'
  | 'verification'
  | 'invites'
  | 'appSettings'
  | 'conversations'
  | 'messages'
  | 'shares'
  | 'usageEvents'
  | 'modelPresets'
  | 'modelDefaults'
>;
// Fails to compile if any table's select or insert row type differs between the dialects.
const sameRowTypes: [AllSame] extends [true] ? true : false = true;

const shape = (table: Parameters<typeof getTableColumns>[0]) =>
  Object.entries(getTableColumns(table)).map(([key, column]) => ({
    key,
    name: column.name,
    notNull: column.notNull,
    hasDefault: column.hasDefault,
    primary: column.primary,
    isUnique: column.isUnique,
  }));

describe('the PostgreSQL schema', () => {
  it('has every table of the SQLite schema with the same columns', () => {
    expect(sameRowTypes).toBe(true);
    const sqliteTables = Object.values(lite).filter((value) => is(value, SQLiteTable));
    expect(COPY_TABLES.map((t) => t.from)).toEqual(expect.arrayContaining(sqliteTables));
    expect(COPY_TABLES).toHaveLength(sqliteTables.length);
    for (const { name, from, to } of COPY_TABLES) {
      expect(getTableName(to)).toBe(name);
      expect(shape(to), name).toEqual(shape(from));
    }
  });

  it('shares the enums and the JSON shapes instead of copying them', () => {
    expect(pgs.MESSAGE_STATUSES).toBe(lite.MESSAGE_STATUSES);
    expect(pgs.TITLE_SOURCES).toBe(lite.TITLE_SOURCES);
    expect(pgs.MESSAGE_ROLES).toBe(lite.MESSAGE_ROLES);
  });
});
