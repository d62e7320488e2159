import { z } from 'zod';

/**
 * MCP_SERVERS: a JSON array of servers, each either streamable HTTP or a local command (stdio):
 *   [{"name":"docs","url":"https://mcp.example.com/mcp","headers":{"Authorization":"Bearer …"}},
 *    {"name":"files","command":"npx","args":["-y","@modelcontextprotocol/server-filesystem","/data"]}]
 */
const nameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'a short lowercase name (letters, digits, -), e.g. "docs"');

const httpServer = z.object({
  name: nameSchema,
  url: z.url({ protocol: /^https?$/ }),
  headers: z.record(z.string(), z.string()).optional(),
});

const stdioServer = z.object({
  name: nameSchema,
  command: z.string().min(1),
  args: z.array(z.string()).optional(),
  env: z.record(z.string(), z.string()).optional(),
  cwd: z.string().optional(),
});

export type McpServerConfig = z.infer<typeof httpServer> | z.infer<typeof stdioServer>;

const serversSchema = z
  .array(z.union([httpServer, stdioServer]))
  .max(20)
  .refine(
    (servers) => new Set(servers.map((s) => s.name)).size === servers.length,
    'server names must differ',
  );

export class McpConfigError extends Error {}

export function parseMcpServers(raw: string | undefined): McpServerConfig[] {
  if (!raw?.trim()) return [];
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new McpConfigError('Invalid configuration: MCP_SERVERS must be a JSON array of servers');
  }
  const parsed = serversSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` (at ${issue.path.join('.')})` : '';
    throw new McpConfigError(
      `Invalid configuration: MCP_SERVERS must be a JSON array of {name, url, headers} or {name, command, args}${where}: ${issue?.message}`,
    );
  }
  return parsed.data;
}
