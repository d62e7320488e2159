import type { ShareOptions } from '@/db/schema';
import type { ChatMessageMetadata, ChatUIMessage } from '@/lib/chat/types';

type Part = ChatUIMessage['parts'][number];

function isToolPart(part: Part): boolean {
  return part.type === 'dynamic-tool' || part.type.startsWith('tool-');
}

/**
 * One part as a visitor may see it, or null when it is left out. An allow-list: text, step
 * boundaries, reasoning and tool calls when the owner included them; anything else (files, sources,
 * data parts, provider metadata) never leaves the server.
 */
function sharedPart(part: Part, options: ShareOptions): Part | null {
  if (part.type === 'text') return { type: 'text', text: part.text, state: 'done' };
  if (part.type === 'step-start') return { type: 'step-start' };
  if (part.type === 'reasoning') {
    return options.reasoning && part.text ? { type: 'reasoning', text: part.text, state: 'done' } : null;
  }
  if (isToolPart(part) && options.tools) {
    const { callProviderMetadata: _metadata, ...rest } = part as Part & { callProviderMetadata?: unknown };
    return rest as Part;
  }
  return null;
}

/** Only what the message views need: no model, timings, token counts or finish details. */
function sharedMetadata(
  metadata: ChatMessageMetadata | undefined,
  options: ShareOptions,
): ChatMessageMetadata {
  const out: ChatMessageMetadata = {};
  if (metadata?.status) out.status = metadata.status;
  if (metadata?.errorText) out.errorText = metadata.errorText;
  if (options.reasoning) {
    if (metadata?.reasoningDurations) out.reasoningDurations = metadata.reasoningDurations;
    if (metadata?.usage?.reasoningTokens !== undefined)
      out.usage = { reasoningTokens: metadata.usage.reasoningTokens };
  }
  if (options.tools && metadata?.toolDurations) out.toolDurations = metadata.toolDurations;
  return out;
}

/**
 * The snapshot as it may leave the server: parts and metadata filtered by the link's options, and
 * the messages renumbered (`s0`, `s1`…) so no stored id reaches the page. Runs before rendering, so
 * what is left out is in neither the HTML nor the RSC payload.
 */
export function toSharedMessages(thread: ChatUIMessage[], options: ShareOptions): ChatUIMessage[] {
  return thread.map((message, index) => ({
    id: `s${index}`,
    role: message.role,
    parts: message.parts.map((p) => sharedPart(p, options)).filter((p): p is Part => p !== null),
    metadata: sharedMetadata(message.metadata, options),
  }));
}

/** The first words of the first message, for link previews. */
export function excerptOf(messages: ChatUIMessage[], max = 200): string {
  const first = messages[0];
  const text = (first?.parts ?? [])
    .map((p) => (p.type === 'text' ? p.text : ''))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
