/**
 * Standalone simulator (`npm run simulator`). Env: SIMULATOR_PORT (4010), SIMULATOR_HOST (127.0.0.1),
 * SIMULATOR_FLAVOUR (zai), SIMULATOR_TOKENS_PER_SECOND (40; 0 or Infinity = unpaced), SIMULATOR_API_KEY,
 * SIMULATOR_SPLIT_FRAMES=1, SIMULATOR_CONTEXT_SIZE (131072: a longer prompt gets the flavour's context error).
 */

import { startSimulatorServer } from './server';
import { SIMULATOR_FLAVOURS, type SimulatorFlavour } from './types';

export interface CliConfig {
  port: number;
  host: string;
  flavour: SimulatorFlavour;
  tokensPerSecond: number;
  apiKey: string | undefined;
  splitFrames: boolean;
  contextSize: number;
}

type Env = Record<string, string | undefined>;

/** Parses the env; throws an Error whose message is one line naming the bad variable. */
export function parseCliEnv(env: Env): CliConfig {
  const value = (name: string): string | undefined => {
    const raw = env[name]?.trim();
    return raw === '' ? undefined : raw;
  };
  const portText = value('SIMULATOR_PORT') ?? '4010';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    throw new Error(`SIMULATOR_PORT must be an integer from 0 to 65535 (got "${portText}")`);
  }
  const host = value('SIMULATOR_HOST') ?? '127.0.0.1';
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
    throw new Error(`SIMULATOR_HOST must be a loopback address (127.0.0.1, localhost or ::1), got "${host}"`);
  }
  const flavourText = value('SIMULATOR_FLAVOUR') ?? 'zai';
  const flavour = SIMULATOR_FLAVOURS.find((name) => name === flavourText);
  if (!flavour) {
    throw new Error(
      `SIMULATOR_FLAVOUR must be one of ${SIMULATOR_FLAVOURS.join(', ')} (got "${flavourText}")`,
    );
  }
  const rateText = value('SIMULATOR_TOKENS_PER_SECOND') ?? '40';
  const tokensPerSecond = rateText === 'Infinity' ? Number.POSITIVE_INFINITY : Number(rateText);
  if (!/^(\d+(\.\d+)?|Infinity)$/.test(rateText)) {
    throw new Error(`SIMULATOR_TOKENS_PER_SECOND must be a number ≥ 0 or Infinity (got "${rateText}")`);
  }
  const splitText = value('SIMULATOR_SPLIT_FRAMES') ?? '0';
  if (!['0', '1', 'true', 'false'].includes(splitText)) {
    throw new Error(`SIMULATOR_SPLIT_FRAMES must be 1 or 0 (got "${splitText}")`);
  }
  const contextText = value('SIMULATOR_CONTEXT_SIZE') ?? '131072';
  if (!/^[1-9]\d{0,8}$/.test(contextText)) {
    throw new Error(`SIMULATOR_CONTEXT_SIZE must be a whole number of tokens > 0 (got "${contextText}")`);
  }
  return {
    contextSize: Number(contextText),
    port,
    host: host === 'localhost' ? '127.0.0.1' : host,
    flavour,
    tokensPerSecond,
    apiKey: value('SIMULATOR_API_KEY'),
    splitFrames: splitText === '1' || splitText === 'true',
  };
}

async function main(): Promise<void> {
  let config: CliConfig;
  try {
    config = parseCliEnv(process.env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  const server = await startSimulatorServer({
    port: config.port,
    host: config.host,
    flavour: config.flavour,
    tokensPerSecond: config.tokensPerSecond,
    apiKey: config.apiKey,
    splitFrames: config.splitFrames,
    contextSize: config.contextSize,
  });
  console.log(`GLM simulator (${config.flavour}) listening on ${server.url}`);
  let closing = false;
  const shutdown = (): void => {
    if (closing) return;
    closing = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(0),
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

const isEntry = process.argv[1] !== undefined && /cli\.[cm]?[jt]s$/.test(process.argv[1]);
if (isEntry) {
  main().catch((error: unknown) => {
    console.error(`GLM simulator failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
