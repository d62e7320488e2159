import { getDb } from '@/db/client';
import { markStreamingInterrupted } from '@/db/queries/messages';
import { ensureLocalOwner } from './auth/local-owner';
import { checkToolSettings } from './chat/tools';
import { ConfigError, getConfig } from './config';
import { getGlm } from './glm';

export function boot(): void {
  let label: string;
  try {
    getConfig();
    label = getGlm().label;
    const toolProblem = checkToolSettings();
    if (toolProblem) {
      console.error(`[glm-chat] ${toolProblem}`);
      process.exit(1);
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`[glm-chat] ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const db = getDb();
  if (getConfig().auth.mode === 'none') ensureLocalOwner(db);
  const interrupted = markStreamingInterrupted(db);
  console.log(
    `[glm-chat] model: ${label}; accounts: ${describeAuth()}${interrupted > 0 ? `; ${interrupted} unfinished answer(s) marked interrupted` : ''}`,
  );
}

function describeAuth(): string {
  const { auth } = getConfig();
  return auth.mode === 'none' ? 'single-user mode (AUTH_MODE=none)' : `sign-up ${auth.signup}`;
}
