import { createMCPClient, type MCPClient } from '@ai-sdk/mcp';
import { Experimental_StdioMCPTransport as StdioMCPTransport } from '@ai-sdk/mcp/mcp-stdio';
import type { ToolSet } from 'ai';
import type { McpServerConfig } from './config';

export interface McpServerStatus {
  name: string;
  kind: 'http' | 'stdio';
  state: 'up' | 'down';
  error?: string;
  tools: string[];
}

/** Separates server and tool in the names the model sees: `docs__search`. */
export const MCP_SEPARATOR = '__';

const CONNECT_TIMEOUT_MS = 5000;
const RETRY_AFTER_MS = 30_000;

interface Connection {
  config: McpServerConfig;
  client?: MCPClient;
  tools?: ToolSet;
  error?: string;
  failedAt?: number;
  connecting?: Promise<void>;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * The configured MCP servers, connected on first use. A server that is down is reported as such and
 * retried later; it never breaks a chat: its tools are just not offered.
 */
export class McpServers {
  private readonly connections: Connection[];

  constructor(configs: McpServerConfig[]) {
    this.connections = configs.map((config) => ({ config }));
  }

  get names(): string[] {
    return this.connections.map((c) => c.config.name);
  }

  private async connect(connection: Connection): Promise<void> {
    const { config } = connection;
    try {
      const transport =
        'url' in config
          ? { type: 'http' as const, url: config.url, headers: config.headers }
          : new StdioMCPTransport({
              command: config.command,
              args: config.args,
              env: config.env,
              cwd: config.cwd,
            });
      const client = await withTimeout(
        createMCPClient({
          transport,
          clientName: 'glm-chat',
          onUncaughtError: () => this.markDown(connection, 'connection lost'),
        }),
        CONNECT_TIMEOUT_MS,
        `MCP server "${config.name}"`,
      );
      const tools = await withTimeout(client.tools(), CONNECT_TIMEOUT_MS, `MCP server "${config.name}"`);
      const named: ToolSet = {};
      for (const [toolName, definition] of Object.entries(tools)) {
        named[`${config.name}${MCP_SEPARATOR}${toolName}`] = definition;
      }
      connection.client = client;
      connection.tools = named;
      connection.error = undefined;
      connection.failedAt = undefined;
    } catch (error) {
      this.markDown(connection, error instanceof Error ? error.message : String(error));
    }
  }

  private markDown(connection: Connection, reason: string): void {
    const client = connection.client;
    connection.client = undefined;
    connection.tools = undefined;
    connection.error = reason;
    connection.failedAt = Date.now();
    void client?.close().catch(() => undefined);
  }

  private async ensure(connection: Connection): Promise<void> {
    if (connection.tools) return;
    if (connection.failedAt !== undefined && Date.now() - connection.failedAt < RETRY_AFTER_MS) return;
    connection.connecting ??= this.connect(connection).finally(() => {
      connection.connecting = undefined;
    });
    await connection.connecting;
  }

  /** The tools of the named servers that are up, keyed `server__tool`. */
  async tools(serverNames: readonly string[]): Promise<ToolSet> {
    const wanted = this.connections.filter((c) => serverNames.includes(c.config.name));
    await Promise.all(wanted.map((c) => this.ensure(c)));
    return Object.assign({}, ...wanted.map((c) => c.tools ?? {}));
  }

  async status(): Promise<McpServerStatus[]> {
    await Promise.all(this.connections.map((c) => this.ensure(c)));
    return this.connections.map((c) => ({
      name: c.config.name,
      kind: 'url' in c.config ? 'http' : 'stdio',
      state: c.tools ? 'up' : 'down',
      error: c.tools ? undefined : c.error,
      tools: Object.keys(c.tools ?? {}),
    }));
  }

  async close(): Promise<void> {
    await Promise.all(this.connections.map((c) => c.client?.close().catch(() => undefined)));
  }
}
