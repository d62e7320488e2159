import { defineConfig } from 'drizzle-kit';

/**
 * The PostgreSQL dialect (DATABASE_URL=postgres://…): its own schema file and migrations folder, so
 * the SQLite migrations in ./drizzle and their journal stay as they are for existing installs.
 * `npx drizzle-kit generate --config drizzle.pg.config.ts`
 */
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema-pg.ts',
  out: './drizzle/pg',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://localhost/glm_chat' },
});
