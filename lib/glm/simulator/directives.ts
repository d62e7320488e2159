/**
 * Scenario directives: lines at the start of the last user message beginning with `::`
 * (e.g. `::rate 200`). Unknown or malformed directives stay part of the question.
 */

export interface ToolDirective {
  name: string;
  /** JSON text of the arguments (default `{}`). */
  args: string;
  /** Stream the arguments in pieces regardless of flavour (`::tool-stream`). */
  stream: boolean;
}

export interface Directives {
  plain: boolean;
  echo: boolean;
  /** The reasoning is the question, verbatim (`::echo-reasoning`). */
  echoReasoning: boolean;
  long?: number;
  /** With `::long`: exactly this many sections with a code block, prose paragraphs between them. */
  codeBlocks?: number;
  reasoning?: number;
  rate?: number;
  tool?: ToolDirective;
  /** Further tool calls, one per step after the first tool result (`::then NAME {json}`, repeatable). */
  chain: ToolDirective[];
  parallel: boolean;
  textAndTool?: ToolDirective;
  rawToolCall: boolean;
  inlineThink: boolean;
  length: boolean;
  finish?: string;
  error?: { status: number; variant?: string };
  /** `::context-overflow`: the flavour's context-length error, whatever the prompt's size. */
  contextOverflow: boolean;
  /** `::context-limit N`: behave as if the model's context window were N tokens (for this request). */
  contextLimit?: number;
  retryAfter?: number;
  flaky?: number;
  /** `::midstream-error [flat|malformed]`: an error frame (nested or old vLLM's flat) or a frame of broken JSON. */
  midstreamError?: 'nested' | 'flat' | 'malformed';
  drop: boolean;
  noFinish: boolean;
  hang: boolean;
  /**
   * `::hold` / `::hold-after N`: the stream waits before the answer's first text (or after N of its
   * text tokens) until POST /__simulator/release.
   */
  holdAfter?: number;
  hangAfter?: number;
  unicode: boolean;
  /** With a JSON response_format: answer with broken JSON (`::invalid-json`). */
  invalidJson: boolean;
  split: boolean;
  keepalive: boolean;
  /** `::title-error`: a title request about this conversation fails with a 500 (the chat itself answers). */
  titleError: boolean;
}

export interface ParsedMessage {
  directives: Directives;
  /** The message without its directive lines, trimmed. */
  question: string;
}

/** Upper bound for `::long` / `::reasoning` so a typo cannot make an unbounded response. */
export const MAX_GENERATED_TOKENS = 50_000;

function emptyDirectives(): Directives {
  return {
    plain: false,
    echo: false,
    echoReasoning: false,
    chain: [],
    parallel: false,
    rawToolCall: false,
    inlineThink: false,
    length: false,
    drop: false,
    noFinish: false,
    hang: false,
    unicode: false,
    invalidJson: false,
    split: false,
    keepalive: false,
    titleError: false,
    contextOverflow: false,
  };
}

function parseCount(arg: string, max = MAX_GENERATED_TOKENS): number | undefined {
  if (!/^\d+$/.test(arg)) return undefined;
  const value = Number(arg);
  return Math.min(value, max);
}

function parseRate(arg: string): number | undefined {
  if (arg === 'Infinity' || arg === 'inf') return Number.POSITIVE_INFINITY;
  if (!/^\d+(\.\d+)?$/.test(arg)) return undefined;
  return Number(arg);
}

function parseTool(arg: string, stream: boolean): ToolDirective | undefined {
  const match = /^([A-Za-z0-9_.-]+)\s*(.*)$/s.exec(arg);
  if (!match) return undefined;
  const rawArgs = match[2].trim();
  if (rawArgs === '') return { name: match[1], args: '{}', stream };
  try {
    return { name: match[1], args: JSON.stringify(JSON.parse(rawArgs)), stream };
  } catch {
    return undefined;
  }
}

/** Applies one directive; returns false when it is unknown or malformed. */
function apply(d: Directives, name: string, arg: string): boolean {
  switch (name) {
    case 'plain':
    case 'echo':
    case 'parallel':
    case 'drop':
    case 'hang':
    case 'unicode':
    case 'split':
    case 'keepalive':
    case 'length':
      if (arg !== '') return false;
      d[name] = true;
      return true;
    case 'hold':
      if (arg !== '') return false;
      d.holdAfter = 0;
      return true;
    case 'context-overflow':
      if (arg !== '') return false;
      d.contextOverflow = true;
      return true;
    case 'context-limit': {
      const n = parseCount(arg, 10_000_000);
      if (n === undefined || n === 0) return false;
      d.contextLimit = n;
      return true;
    }
    case 'raw-tool-call':
    case 'inline-think':
    case 'no-finish':
    case 'echo-reasoning':
    case 'title-error':
    case 'invalid-json':
      if (arg !== '') return false;
      if (name === 'raw-tool-call') d.rawToolCall = true;
      else if (name === 'title-error') d.titleError = true;
      else if (name === 'invalid-json') d.invalidJson = true;
      else if (name === 'inline-think') d.inlineThink = true;
      else if (name === 'echo-reasoning') d.echoReasoning = true;
      else d.noFinish = true;
      return true;
    case 'long':
    case 'reasoning':
    case 'flaky':
    case 'hang-after':
    case 'hold-after':
    case 'code-blocks': {
      const n = parseCount(arg);
      if (n === undefined) return false;
      if (name === 'hang-after') d.hangAfter = n;
      else if (name === 'hold-after') d.holdAfter = n;
      else if (name === 'code-blocks') d.codeBlocks = n;
      else d[name] = n;
      return true;
    }
    case 'retry-after': {
      const n = parseCount(arg, 3600);
      if (n === undefined) return false;
      d.retryAfter = n;
      return true;
    }
    case 'rate': {
      const rate = parseRate(arg);
      if (rate === undefined) return false;
      d.rate = rate;
      return true;
    }
    case 'tool':
    case 'tool-stream': {
      const tool = parseTool(arg, name === 'tool-stream');
      if (!tool) return false;
      d.tool = tool;
      return true;
    }
    case 'then': {
      const tool = parseTool(arg, false);
      if (!tool) return false;
      d.chain.push(tool);
      return true;
    }
    case 'text-and-tool': {
      const tool = parseTool(arg, false);
      if (!tool) return false;
      d.textAndTool = tool;
      return true;
    }
    case 'finish':
      if (!/^[A-Za-z0-9_-]+$/.test(arg)) return false;
      d.finish = arg;
      return true;
    case 'error': {
      const match = /^([45]\d\d)(?:\s+([a-z-]+))?$/.exec(arg);
      if (!match) return false;
      d.error = { status: Number(match[1]), variant: match[2] };
      return true;
    }
    case 'midstream-error':
      if (arg !== '' && arg !== 'flat' && arg !== 'malformed') return false;
      d.midstreamError = arg === '' ? 'nested' : arg;
      return true;
    default:
      return false;
  }
}

export function parseDirectives(text: string): ParsedMessage {
  const directives = emptyDirectives();
  const lines = text.split('\n');
  const questionLines: string[] = [];
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line.startsWith('::')) break;
    const match = /^::([a-z-]+)\s*(.*)$/s.exec(line);
    if (!match || !apply(directives, match[1], match[2].trim())) questionLines.push(lines[i]);
  }
  questionLines.push(...lines.slice(i));
  return { directives, question: questionLines.join('\n').trim() };
}
