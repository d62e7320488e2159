/**
 * vitest globalSetup: one real PostgreSQL server for the whole unit run (scripts/pg-test-server.mjs),
 * with a database migrated once by the app's own migrator, used as the template that every test's
 * database is copied from (CREATE DATABASE … TEMPLATE: a file copy, much faster than migrating).
 * Missing PostgreSQL binaries fail the run with the install command.
 */
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createPgPool } from '@/db/dialect/pg-client';
import { runPgMigrations } from '@/db/dialect/pg-migrate';
import { startPgTestServer } from '@/scripts/pg-test-server.mjs';

export const PG_TEMPLATE_DATABASE = 'glm_chat_template';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the test server's `postgres` database (for CREATE/DROP DATABASE). */
    pgAdminUrl: string;
    /** The migrated database each test database is copied from. */
    pgTemplateDatabase: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPgTestServer();
  try {
    const templateUrl = server.createDatabase(PG_TEMPLATE_DATABASE);
    const pool = createPgPool(templateUrl, { max: 1 });
    await runPgMigrations(pool).finally(() => pool.end());
    // Nobody may connect to the template any more (CREATE DATABASE … TEMPLATE requires it).
    const admin = new pg.Client({ connectionString: server.url() });
    await admin.connect();
    await admin.query(`alter database ${PG_TEMPLATE_DATABASE} with allow_connections false`);
    await admin.end();
  } catch (error) {
    await server.stop();
    throw error;
  }
  project.provide('pgAdminUrl', server.url());
  project.provide('pgTemplateDatabase', PG_TEMPLATE_DATABASE);
  return () => server.stop();
}
