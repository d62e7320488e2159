import { z } from 'zod';
import type { ChatUIMessage } from '@/lib/chat/types';
import type { ImportedConversation } from './format';

/**
 * ChatGPT's data export (`conversations.json`): an array of conversations, each a tree of nodes
 * (`mapping`: id → { message, parent, children }) with `current_node` the branch last shown.
 * Only what the import reads is checked; everything else in the file is ignored.
 */
const contentSchema = z.looseObject({
  content_type: z.string(),
  parts: z.array(z.unknown()).nullish(),
  text: z.string().nullish(),
  language: z.string().nullish(),
  thoughts: z
    .array(z.looseObject({ summary: z.string().nullish(), content: z.string().nullish() }))
    .nullish(),
  result: z.string().nullish(),
  title: z.string().nullish(),
  url: z.string().nullish(),
});

const messageSchema = z.looseObject({
  id: z.string().nullish(),
  author: z.looseObject({ role: z.string(), name: z.string().nullish() }),
  create_time: z.number().nullish(),
  update_time: z.number().nullish(),
  content: contentSchema,
  status: z.string().nullish(),
  recipient: z.string().nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
});

const nodeSchema = z.looseObject({
  id: z.string().nullish(),
  message: messageSchema.nullish(),
  parent: z.string().nullish(),
  children: z.array(z.string()).default([]),
});

const conversationSchema = z.looseObject({
  title: z.string().nullish(),
  create_time: z.number().nullish(),
  update_time: z.number().nullish(),
  mapping: z.record(z.string(), nodeSchema),
  current_node: z.string().nullish(),
  is_archived: z.boolean().nullish(),
});

export const chatGptExportSchema = z.array(conversationSchema).max(100_000);
export type ChatGptConversation = z.infer<typeof conversationSchema>;
type Node = z.infer<typeof nodeSchema>;
type GptMessage = z.infer<typeof messageSchema>;
type Part = ChatUIMessage['parts'][number];
type ToolPart = Extract<Part, { type: 'dynamic-tool' }>;

/** Seconds (ChatGPT's float timestamps) to whole milliseconds. */
function ms(seconds: number | null | undefined): number | undefined {
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0
    ? Math.round(seconds * 1000)
    : undefined;
}

/** The readable text of a multimodal part: text as is, an image or other attachment as a note. */
function multimodalText(part: unknown): string {
  if (typeof part === 'string') return part;
  if (part && typeof part === 'object') {
    const value = part as Record<string, unknown>;
    if (typeof value.text === 'string') return value.text;
    const kind = typeof value.content_type === 'string' ? value.content_type : 'attachment';
    if (kind === 'image_asset_pointer') {
      const size =
        typeof value.width === 'number' && typeof value.height === 'number'
          ? ` ${value.width}×${value.height}`
          : '';
      return `[Image${size}: not included in the import]`;
    }
    return `[${kind.replace(/_/g, ' ')}: not included in the import]`;
  }
  return '';
}

function joined(parts: unknown[] | null | undefined): string {
  return (parts ?? []).map(multimodalText).filter(Boolean).join('\n\n');
}

/** Messages the ChatGPT page never shows: system prompts, custom instructions, hidden scaffolding. */
function isHidden(message: GptMessage): boolean {
  if (message.author.role === 'system') return true;
  const meta = message.metadata ?? {};
  if (meta.is_visually_hidden_from_conversation === true) return true;
  return ['user_editable_context', 'model_editable_context', 'reasoning_recap'].includes(
    message.content.content_type,
  );
}

interface Converted {
  role: 'user' | 'assistant';
  /** Parts to add to the message (a tool result fills the call before it instead). */
  parts: Part[];
  /** A tool's result, for the last call still waiting for one. */
  toolOutput?: string;
}

/** One ChatGPT message as our parts, or undefined when there is nothing to show. */
function convert(message: GptMessage, callId: () => string): Converted | undefined {
  if (isHidden(message)) return undefined;
  const content = message.content;
  const role = message.author.role;
  if (role === 'user') {
    const text =
      content.content_type === 'text' ? joined(content.parts) : joined(content.parts) || (content.text ?? '');
    return text.trim() ? { role: 'user', parts: [{ type: 'text', text }] } : undefined;
  }
  if (role === 'tool') {
    const output =
      content.text ??
      content.result ??
      (content.parts ? joined(content.parts) : undefined) ??
      [content.title, content.url].filter(Boolean).join(' ');
    return output?.trim() ? { role: 'assistant', parts: [], toolOutput: output } : undefined;
  }
  // The assistant: reasoning, a call to a tool (a message to a recipient other than "all"), or text.
  const recipient = message.recipient ?? 'all';
  if (content.content_type === 'thoughts') {
    const text = (content.thoughts ?? [])
      .map((t) => [t.summary ? `**${t.summary}**` : '', t.content ?? ''].filter(Boolean).join('\n\n'))
      .filter(Boolean)
      .join('\n\n');
    return text.trim()
      ? { role: 'assistant', parts: [{ type: 'reasoning', text, state: 'done' }] }
      : undefined;
  }
  const text =
    content.content_type === 'code' || content.content_type === 'execution_output'
      ? (content.text ?? '')
      : joined(content.parts) || (content.text ?? '');
  if (!text.trim()) return undefined;
  if (recipient !== 'all') {
    const call: ToolPart = {
      type: 'dynamic-tool',
      toolName: recipient.replace(/[^A-Za-z0-9_.:-]/g, '_').slice(0, 128) || 'tool',
      toolCallId: callId(),
      state: 'input-available',
      input:
        content.content_type === 'code' ? { code: text, language: content.language ?? undefined } : { text },
    };
    return { role: 'assistant', parts: [call] };
  }
  if (content.content_type === 'code') {
    const language = content.language && content.language !== 'unknown' ? content.language : '';
    return { role: 'assistant', parts: [{ type: 'text', text: `\`\`\`${language}\n${text}\n\`\`\`` }] };
  }
  if (content.content_type === 'execution_output') return { role: 'assistant', parts: [], toolOutput: text };
  return { role: 'assistant', parts: [{ type: 'text', text }] };
}

/** A tool result goes to the last call of the message that has none yet. */
function attachOutput(parts: Part[], output: string): boolean {
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i];
    if (part.type === 'dynamic-tool' && part.state === 'input-available') {
      parts[i] = {
        type: 'dynamic-tool',
        toolName: part.toolName,
        toolCallId: part.toolCallId,
        state: 'output-available',
        input: part.input,
        output,
      };
      return true;
    }
  }
  return false;
}

/** Calls whose result never came are closed, so they read as finished and replay to the model cleanly. */
function closeOpenCalls(parts: Part[]): Part[] {
  return parts.map((part) =>
    part.type === 'dynamic-tool' && part.state === 'input-available'
      ? {
          type: 'dynamic-tool',
          toolName: part.toolName,
          toolCallId: part.toolCallId,
          state: 'output-available',
          input: part.input,
          output: '(no result in the export)',
        }
      : part,
  );
}

type Draft = ImportedConversation['messages'][number];

/**
 * One ChatGPT conversation as ours. The tree keeps its shape: an edited question and a regenerated
 * answer stay siblings. Hidden nodes (the empty root, system prompts, custom instructions) are
 * skipped and their children attached to the nearest shown ancestor. A run of assistant and tool
 * nodes without branches (reasoning → code → its output → the answer) becomes one answer.
 * `current_node` becomes the active branch.
 */
export function convertChatGptConversation(
  conversation: ChatGptConversation,
  index: number,
): ImportedConversation {
  const mapping = conversation.mapping;
  const baseTime = ms(conversation.create_time) ?? 0;
  let clock = baseTime;
  const drafts: Draft[] = [];
  const byNode = new Map<string, string>();
  const label = (n: number) => `c${index}-m${n}`;
  let calls = 0;

  interface Frame {
    nodeId: string;
    /** Our message the next one goes under. */
    attach: string | null;
    /** Our answer this node may continue (only along a run without branches). */
    open: Draft | null;
  }
  const roots = Object.keys(mapping).filter((id) => {
    const parent = mapping[id]?.parent;
    return !parent || !mapping[parent];
  });
  const stack: Frame[] = roots.reverse().map((nodeId) => ({ nodeId, attach: null, open: null }));
  const visited = new Set<string>();
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    if (visited.has(frame.nodeId)) continue;
    visited.add(frame.nodeId);
    const node: Node | undefined = mapping[frame.nodeId];
    if (!node) continue;
    let attach = frame.attach;
    let open = frame.open;
    const converted = node.message ? convert(node.message, () => `chatgpt-call-${++calls}`) : undefined;
    if (converted && node.message) {
      const at = ms(node.message.create_time) ?? clock + 1;
      clock = Math.max(clock, at);
      if (converted.role === 'assistant' && open) {
        open.parts.push(...converted.parts);
        if (converted.toolOutput !== undefined && !attachOutput(open.parts, converted.toolOutput))
          open.parts.push({ type: 'text', text: `\`\`\`\n${converted.toolOutput}\n\`\`\`` });
        open.updatedAt = Math.max(open.updatedAt, at);
        byNode.set(frame.nodeId, open.id);
      } else {
        const parts = [...converted.parts];
        if (converted.toolOutput !== undefined)
          parts.push({ type: 'text', text: `\`\`\`\n${converted.toolOutput}\n\`\`\`` });
        const model = node.message.metadata?.model_slug;
        const draft: Draft = {
          id: label(drafts.length),
          parentId: attach,
          role: converted.role,
          parts,
          metadata: { createdAt: at, ...(typeof model === 'string' ? { model } : {}) },
          status: 'complete',
          createdAt: at,
          updatedAt: at,
        };
        drafts.push(draft);
        byNode.set(frame.nodeId, draft.id);
        attach = draft.id;
        open = converted.role === 'assistant' ? draft : null;
      }
    }
    const children = node.children.filter((child) => mapping[child]);
    // A branch point ends the run: each branch starts its own answer.
    const childOpen = children.length === 1 ? open : null;
    for (const child of [...children].reverse()) stack.push({ nodeId: child, attach, open: childOpen });
  }

  for (const draft of drafts) draft.parts = closeOpenCalls(draft.parts);

  // The branch ChatGPT showed last: its current node, or the nearest ancestor that was kept.
  let activeLeafId: string | null = null;
  let cursor = conversation.current_node ?? undefined;
  const seen = new Set<string>();
  while (cursor && !seen.has(cursor)) {
    seen.add(cursor);
    const mapped = byNode.get(cursor);
    if (mapped) {
      activeLeafId = mapped;
      break;
    }
    cursor = mapping[cursor]?.parent ?? undefined;
  }
  if (activeLeafId === null && drafts.length > 0) activeLeafId = drafts[drafts.length - 1].id;

  const createdAt = baseTime || drafts[0]?.createdAt || 0;
  return {
    id: `chatgpt-${index}`,
    title: (conversation.title ?? '').trim().slice(0, 1000),
    pinned: false,
    archived: conversation.is_archived === true,
    settings: {},
    activeLeafId,
    createdAt,
    updatedAt: Math.max(ms(conversation.update_time) ?? 0, clock, createdAt),
    messages: drafts,
  };
}

export function convertChatGptExport(list: ChatGptConversation[]): ImportedConversation[] {
  return list.map((conversation, index) => convertChatGptConversation(conversation, index));
}
