import type { ExportedConversation, ExportedMessage } from './format';

/** The active branch of an exported conversation, root first (the last message when none is set). */
export function activePath(conversation: ExportedConversation): ExportedMessage[] {
  const byId = new Map(conversation.messages.map((m) => [m.id, m]));
  let cursor = conversation.activeLeafId
    ? byId.get(conversation.activeLeafId)
    : conversation.messages[conversation.messages.length - 1];
  const path: ExportedMessage[] = [];
  const seen = new Set<string>();
  while (cursor && !seen.has(cursor.id)) {
    seen.add(cursor.id);
    path.push(cursor);
    cursor = cursor.parentId ? byId.get(cursor.parentId) : undefined;
  }
  return path.reverse();
}

function when(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** A fenced block that no backtick run inside `text` can close early. */
function fence(text: string, language = ''): string {
  const longest = Math.max(2, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const marks = '`'.repeat(longest + 1);
  return `${marks}${language}\n${text}\n${marks}`;
}

/** Text inside a <details> block must not end it early. */
function insideDetails(text: string): string {
  return text.replace(/<\/details>/gi, '&lt;/details>');
}

function asJson(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

type Part = ExportedMessage['parts'][number];

function partToMarkdown(part: Part): string | undefined {
  if (part.type === 'text') return part.text;
  if (part.type === 'reasoning') {
    if (!part.text.trim()) return undefined;
    return `<details>\n<summary>Reasoning</summary>\n\n${insideDetails(part.text)}\n\n</details>`;
  }
  if (part.type === 'dynamic-tool' || part.type.startsWith('tool-')) {
    const tool = part as Part & {
      toolName?: string;
      state?: string;
      input?: unknown;
      output?: unknown;
      errorText?: string;
    };
    const name = tool.toolName ?? part.type.replace(/^tool-/, '');
    const sections = [`<details>\n<summary>Tool call: ${name}</summary>\n`];
    if (tool.input !== undefined)
      sections.push(`Input:\n\n${insideDetails(fence(asJson(tool.input), 'json'))}\n`);
    if (tool.output !== undefined) sections.push(`Output:\n\n${insideDetails(fence(asJson(tool.output)))}\n`);
    if (tool.errorText) sections.push(`Error: ${insideDetails(tool.errorText)}\n`);
    sections.push('</details>');
    return sections.join('\n');
  }
  return undefined;
}

const ROLE_NAMES: Record<ExportedMessage['role'], string> = {
  user: 'You',
  assistant: 'GLM',
  system: 'System',
};

function messageToMarkdown(message: ExportedMessage): string {
  const body = message.parts
    .map(partToMarkdown)
    .filter((piece): piece is string => piece !== undefined && piece.length > 0)
    .join('\n\n');
  const notes: string[] = [];
  if (message.status === 'stopped') notes.push('_Stopped before the end._');
  if (message.status === 'interrupted') notes.push('_Interrupted: the answer was not finished._');
  if (message.status === 'error')
    notes.push(`_Error: ${message.metadata.errorText ?? 'the answer could not be completed.'}_`);
  return [`## ${ROLE_NAMES[message.role]} · ${when(message.createdAt)}`, body, ...notes]
    .filter(Boolean)
    .join('\n\n');
}

/**
 * One conversation as readable Markdown: its title, then each message of the active branch with
 * who wrote it and when; reasoning and tool calls fold away in <details> blocks. Other versions are
 * counted, not shown (the JSON export keeps every branch).
 */
export function conversationToMarkdown(conversation: ExportedConversation): string {
  const path = activePath(conversation);
  const hidden = conversation.messages.length - path.length;
  const about = [`Created ${when(conversation.createdAt)}`, `${path.length} messages`];
  if (hidden > 0)
    about.push(
      `${hidden} message${hidden === 1 ? '' : 's'} on other branches not shown (the JSON export has every branch)`,
    );
  return [
    `# ${conversation.title.trim() || 'Untitled conversation'}`,
    `_${about.join(' · ')}_`,
    ...path.map(messageToMarkdown),
  ].join('\n\n');
}

/** Several conversations in one Markdown file, separated by rules. */
export function conversationsToMarkdown(list: ExportedConversation[]): string {
  return `${list.map(conversationToMarkdown).join('\n\n---\n\n')}\n`;
}
