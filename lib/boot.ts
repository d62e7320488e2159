import { getDb } from '@/db/client';
import { markStreamingInterrupted } from '@/db/queries/messages';
import { ensureLocalOwner } from './auth/local-owner';
import { drainTurns } from './chat/shutdown';
import { checkToolSettings } from './chat/tools';
import { ConfigError, getConfig } from './config';
import { purgeExpiredDeletions } from './conversations/purge';
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
  handleShutdownSignals();
  const interrupted = markStreamingInterrupted(db);
  purgeExpiredDeletions(db);
  console.log(
    `[glm-chat] model: ${label}; accounts: ${describeAuth()}${interrupted > 0 ? `; ${interrupted} unfinished answer(s) marked interrupted` : ''}`,
  );
}

function describeAuth(): string {
  const { auth } = getConfig();
  return auth.mode === 'none' ? 'single-user mode (AUTH_MODE=none)' : `sign-up ${auth.signup}`;
}

/**
 * SIGTERM/SIGINT (Docker stop, Ctrl+C): new answers are refused, running ones get SHUTDOWN_GRACE_MS
 * to finish, the rest are saved as interrupted, then the process exits. (The start script sets
 * NEXT_MANUAL_SIG_HANDLE so Next leaves these signals to us.)
 */
function handleShutdownSignals(): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const grace = getConfig().shutdownGraceMs;
    console.log(`[glm-chat] ${signal}: finishing running answers (up to ${grace} ms)`);
    drainTurns(grace)
      .then(({ finished, interrupted }) => {
        console.log(
          `[glm-chat] stopped: ${finished} answer(s) finished, ${interrupted} saved as interrupted`,
        );
      })
      .catch((error: unknown) => {
        console.error('[glm-chat] shutdown:', error instanceof Error ? error.message : String(error));
      })
      .finally(() => {
        try {
          getDb().$client.close();
        } finally {
          process.exit(0);
        }
      });
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
