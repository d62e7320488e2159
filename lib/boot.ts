import { getDb } from '@/db/client';
import { markStreamingInterrupted } from '@/db/queries/messages';
import { ensureLocalOwner } from './auth/local-owner';
import { checkToolSettings } from './chat/tools';
import { ConfigError, getConfig } from './config';
import { getGlm } from './glm';
import { redact } from './log';

export function boot(): void {
  let label: string;
  try {
    getConfig();
    label = getGlm().label;
    const toolProblem = checkToolSettings();
    if (toolProblem) {
      // A tool or MCP setting may carry a header or a URL with a key in it: never print that.
      console.error(`[glm-chat] ${redact(toolProblem)}`);
      process.exit(1);
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`[glm-chat] ${redact(error.message)}`);
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
