import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema.ts',
  out: './drizzle',
  dbCredentials: { url: process.env.DATABASE_PATH ?? './data/glm-chat.db' },
  // The full-text tables are created by hand-written migrations; never let push drop them.
  tablesFilter: ['!messages_fts*', '!conversation_titles_fts*'],
});
