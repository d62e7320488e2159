// Seeding for the browser benchmarks: a migrated database made by booting the app once on an empty
// file; the long conversation itself is in seed-thread.mjs.
import { removeDatabase, startApp, tempDatabasePath } from './lib.mjs';

/** A database file with every migration applied and the local owner, made by the app itself. */
export async function migratedDatabase(name, { port, simulatorUrl }) {
  const file = tempDatabasePath(name);
  removeDatabase(file);
  const app = await startApp({ port, simulatorUrl, databasePath: file, keepDatabase: true });
  await app.stop();
  return file;
}

export { seedConversation } from './seed-thread.mjs';
