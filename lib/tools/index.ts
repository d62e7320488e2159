import type { ToolSet } from 'ai';
import { createCalculatorTool } from './calculator';
import type { ToolsConfig } from './config';
import { createCurrentTimeTool } from './current-time';
import { createFetchUrlTool, type FetchUrlOptions } from './fetch-url';
import { createRunJavaScriptTool } from './run-javascript';
import { createWebSearchTool } from './web-search';

/** The built-in tools GLM can call, their switches in the composer, and the ToolSet for one turn. */

export const BUILTIN_TOOL_NAMES = [
  'calculator',
  'current_time',
  'run_javascript',
  'fetch_url',
  'web_search',
] as const;
export type BuiltinToolName = (typeof BUILTIN_TOOL_NAMES)[number];

export type Availability = { ok: true } | { ok: false; reason: string };

export interface BuiltinTool {
  name: BuiltinToolName;
  label: string;
  /** One line for the tools menu. */
  description: string;
  /** On for a conversation that has not chosen (when available). */
  defaultEnabled: boolean;
  available(config: ToolsConfig): Availability;
}

const always = (): Availability => ({ ok: true });

/** In display order. */
export const BUILTIN_TOOLS: readonly BuiltinTool[] = [
  {
    name: 'calculator',
    label: 'Calculator',
    description: 'Exact math with units, big numbers and matrices',
    defaultEnabled: true,
    available: always,
  },
  {
    name: 'current_time',
    label: 'Date & time',
    description: 'The current date and time in any time zone, and date arithmetic',
    defaultEnabled: true,
    available: always,
  },
  {
    name: 'run_javascript',
    label: 'JavaScript',
    description: 'Runs JavaScript in a sandbox without network or files',
    defaultEnabled: true,
    available: always,
  },
  {
    name: 'fetch_url',
    label: 'Read web pages',
    description: 'Fetches a public web page and reads its text',
    defaultEnabled: true,
    available: (config) =>
      config.fetchUrl.enabled
        ? { ok: true }
        : { ok: false, reason: 'Off: set TOOLS_FETCH_URL=true to enable' },
  },
  {
    name: 'web_search',
    label: 'Web search',
    description: 'Searches the web through SearXNG',
    defaultEnabled: true,
    available: (config) =>
      config.searxngUrl ? { ok: true } : { ok: false, reason: 'Off: set SEARXNG_URL to a SearXNG instance' },
  },
];

/** Test seams and overrides for the tools that reach out of the process. */
export interface BuiltinToolDeps {
  fetchUrl?: Pick<FetchUrlOptions, 'lookup' | 'dial' | 'timeoutMs'>;
  webSearchFetch?: typeof globalThis.fetch;
  now?: () => number | Date;
}

function build(name: BuiltinToolName, config: ToolsConfig, deps: BuiltinToolDeps): ToolSet[string] {
  switch (name) {
    case 'calculator':
      return createCalculatorTool();
    case 'current_time':
      return createCurrentTimeTool({ now: deps.now });
    case 'run_javascript':
      return createRunJavaScriptTool({ timeoutMs: config.js.timeoutMs, memoryMb: config.js.memoryMb });
    case 'fetch_url':
      return createFetchUrlTool({ ...deps.fetchUrl, allowPrivate: config.fetchUrl.allowPrivate });
    case 'web_search':
      return createWebSearchTool({ baseUrl: config.searxngUrl ?? '', fetch: deps.webSearchFetch });
  }
}

const isBuiltinName = (name: string): name is BuiltinToolName =>
  (BUILTIN_TOOL_NAMES as readonly string[]).includes(name);

/** The names that are on when a conversation has not chosen: default-enabled and available. */
export function defaultBuiltinToolNames(config: ToolsConfig): BuiltinToolName[] {
  return BUILTIN_TOOLS.filter((t) => t.defaultEnabled && t.available(config).ok).map((t) => t.name);
}

/**
 * The tools for one turn, keyed by name: only those in `enabledNames` that are also available
 * (unknown names are ignored), in display order.
 */
export function createBuiltinTools(
  config: ToolsConfig,
  enabledNames: readonly string[],
  deps: BuiltinToolDeps = {},
): ToolSet {
  const enabled = new Set(enabledNames.filter(isBuiltinName));
  const tools: ToolSet = {};
  for (const entry of BUILTIN_TOOLS) {
    if (!enabled.has(entry.name) || !entry.available(config).ok) continue;
    tools[entry.name] = build(entry.name, config, deps);
  }
  return tools;
}
