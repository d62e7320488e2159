import { asSchema, type Tool, type ToolSet } from 'ai';
import { McpConfigError, parseMcpServers } from '@/lib/mcp/config';
import { McpServers } from '@/lib/mcp/servers';
import { BUILTIN_TOOLS, createBuiltinTools } from '@/lib/tools';
import { parseToolsConfig, type ToolsConfig } from '@/lib/tools/config';

/** A switch in the composer's tools menu: a built-in tool, or all tools of one MCP server. */
export interface ToolSwitch {
  id: string;
  label: string;
  description: string;
  available: boolean;
  reason?: string;
  defaultEnabled: boolean;
}

const MCP_PREFIX = 'mcp:';

interface ToolRuntime {
  config: ToolsConfig;
  mcp: McpServers;
  /** Built-in tools, made once: their settings are the process's, and their input schemas are
   * turned into JSON schema once instead of on every turn (about 1 ms a turn). */
  builtins: Map<string, Tool>;
}

const holder = globalThis as unknown as { __glmChatTools?: ToolRuntime };

/** Tool settings and MCP servers, from the environment once per process. */
export function toolRuntime(): ToolRuntime {
  holder.__glmChatTools ??= {
    config: parseToolsConfig(process.env),
    mcp: new McpServers(parseMcpServers(process.env.MCP_SERVERS)),
    builtins: new Map(),
  };
  return holder.__glmChatTools;
}

/** Checks the tool and MCP settings at boot; returns the error line, or undefined. */
export function checkToolSettings(): string | undefined {
  try {
    toolRuntime();
    return undefined;
  } catch (error) {
    if (error instanceof McpConfigError || error instanceof Error) return error.message;
    return String(error);
  }
}

/** Every switch the composer shows, with whether it can be used now (an MCP server may be down). */
export async function toolSwitches(): Promise<ToolSwitch[]> {
  const { config, mcp } = toolRuntime();
  const builtins: ToolSwitch[] = BUILTIN_TOOLS.map((tool) => {
    const availability = tool.available(config);
    return {
      id: tool.name,
      label: tool.label,
      description: tool.description,
      available: availability.ok,
      reason: availability.ok ? undefined : availability.reason,
      defaultEnabled: tool.defaultEnabled && availability.ok,
    };
  });
  const servers: ToolSwitch[] = (await mcp.status()).map((server) => ({
    id: `${MCP_PREFIX}${server.name}`,
    label: server.name,
    description:
      server.state === 'up'
        ? `MCP server (${server.kind}): ${server.tools.map((t) => t.split('__')[1] ?? t).join(', ') || 'no tools'}`
        : '',
    available: server.state === 'up',
    reason: server.state === 'up' ? undefined : `MCP server is down: ${server.error ?? 'not reachable'}`,
    defaultEnabled: true,
  }));
  return [...builtins, ...servers];
}

/** The switches on when a conversation has not chosen: the defaults, without asking MCP servers. */
export function defaultSwitchIds(): string[] {
  const { config, mcp } = toolRuntime();
  return [
    ...BUILTIN_TOOLS.filter((t) => t.defaultEnabled && t.available(config).ok).map((t) => t.name),
    ...mcp.names.map((name) => `${MCP_PREFIX}${name}`),
  ];
}

/** The tools GLM may call in one turn, from the conversation's switches. */
export async function toolsForTurn(switchIds: readonly string[]): Promise<ToolSet> {
  const { config, mcp, builtins } = toolRuntime();
  const builtinNames = switchIds.filter((id) => !id.startsWith(MCP_PREFIX));
  const servers = switchIds
    .filter((id) => id.startsWith(MCP_PREFIX))
    .map((id) => id.slice(MCP_PREFIX.length));
  // The same tools createBuiltinTools would make, in its order, each made once per process.
  const tools: ToolSet = {};
  const wanted = createBuiltinTools(
    config,
    builtinNames.filter((name) => !builtins.has(name)),
  );
  for (const [name, made] of Object.entries(wanted)) {
    builtins.set(name, { ...made, inputSchema: asSchema(made.inputSchema) } as Tool);
  }
  for (const entry of BUILTIN_TOOLS) {
    const builtin = builtinNames.includes(entry.name) ? builtins.get(entry.name) : undefined;
    if (builtin) tools[entry.name] = builtin;
  }
  return { ...tools, ...(servers.length ? await mcp.tools(servers) : {}) };
}
