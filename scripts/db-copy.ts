// `npm run db:copy -- --to postgres://… [--from ./data/glm-chat.db]`: copies an SQLite install into
// an empty PostgreSQL database (db/pg/copy.ts) and prints the row counts of both sides.
// Stop the app first: the SQLite file is read as it is at the start of each table.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { closePgDatabase, isPostgresUrl, openPgDatabase } from '@/db/dialect/pg-client';
import { copySqliteToPostgres } from '@/db/dialect/pg-copy';

const Args = z.object({
  from: z
    .string()
    .min(1)
    .default(process.env.DATABASE_PATH ?? './data/glm-chat.db'),
  to: z.string().refine(isPostgresUrl, '--to must be a postgres:// URL of an empty database'),
});

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } });
  const parsed = Args.safeParse(values);
  if (!parsed.success)
    throw new Error(
      `${parsed.error.issues.map((i) => i.message).join('; ')}\nUsage: npm run db:copy -- --to postgres://user@host/db [--from ./data/glm-chat.db]`,
    );
  const file = path.resolve(parsed.data.from);
  if (!fs.existsSync(file)) throw new Error(`No SQLite database at ${file} (set --from).`);
  const target = openPgDatabase(parsed.data.to, { max: 2, applicationName: 'glm-chat-db-copy' });
  try {
    const report = await copySqliteToPostgres(file, target);
    for (const [table, n] of Object.entries(report.rows)) console.log(`${table.padEnd(16)} ${n} rows`);
    console.log(`Copied ${file} into PostgreSQL in ${report.ms} ms; row counts match.`);
  } finally {
    await closePgDatabase(target);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
