import { z } from 'zod';
import { MESSAGE_ROLES, MESSAGE_STATUSES } from '@/db/schema';
import type { ChatMessageMetadata, ChatUIMessage, MessageStatus } from '@/lib/chat/types';

/**
 * GLM Chat's own export format, version 1: every conversation with every branch, full fidelity.
 *
 * ```
 * { format: 'glm-chat', version: 1, exportedAt, conversations: [
 *   { id, title, pinned, archived, settings, activeLeafId, createdAt, updatedAt,
 *     messages: [{ id, parentId, role, parts, metadata, status, createdAt, updatedAt }] } ] }
 * ```
 * Times are Unix milliseconds. `parts` are AI SDK UI message parts (text, reasoning, tool calls…);
 * `parentId` links the tree (null for a first message); `activeLeafId` is the branch shown.
 */
export const EXPORT_FORMAT = 'glm-chat';
export const EXPORT_VERSION = 1;

export interface ExportedMessage {
  id: string;
  parentId: string | null;
  role: (typeof MESSAGE_ROLES)[number];
  parts: ChatUIMessage['parts'];
  metadata: ChatMessageMetadata;
  status: MessageStatus;
  createdAt: number;
  updatedAt: number;
}

export interface ExportedConversation {
  id: string;
  title: string;
  pinned: boolean;
  archived: boolean;
  settings: Record<string, unknown>;
  activeLeafId: string | null;
  createdAt: number;
  updatedAt: number;
  messages: ExportedMessage[];
}

export interface GlmChatExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: number;
  conversations: ExportedConversation[];
}

const time = z.number().int().nonnegative().max(8.64e15);
const shortText = z.string().max(200);

/** Tool call states the app stores (the AI SDK's, without the approval flow it does not use). */
const TOOL_STATES = [
  'input-streaming',
  'input-available',
  'output-available',
  'output-error',
  'output-denied',
];

/**
 * A UI message part of a kind the app itself stores: text, reasoning, step markers, tool calls and
 * sources. Files and data parts are refused: the app never makes them, and a file part's URL would
 * be handed to the model provider (or fetched for it) on the next turn.
 */
const partSchema = z.looseObject({ type: shortText }).superRefine((part, ctx) => {
  const value = part as Record<string, unknown>;
  const isTool = part.type === 'dynamic-tool' || /^tool-[A-Za-z0-9_.:-]{1,128}$/.test(part.type);
  if (!isTool && !['text', 'reasoning', 'step-start', 'source-url', 'source-document'].includes(part.type)) {
    ctx.addIssue({ code: 'custom', message: `a part of type "${part.type}" cannot be imported` });
    return;
  }
  if ((part.type === 'text' || part.type === 'reasoning') && typeof value.text !== 'string')
    ctx.addIssue({ code: 'custom', message: `a ${part.type} part needs its text` });
  if (isTool && (typeof value.toolCallId !== 'string' || !TOOL_STATES.includes(String(value.state))))
    ctx.addIssue({ code: 'custom', message: 'a tool part needs a toolCallId and a known state' });
  if (part.type === 'dynamic-tool' && typeof value.toolName !== 'string')
    ctx.addIssue({ code: 'custom', message: 'a dynamic tool part needs its toolName' });
});

/** Ids inside a file are only labels that link its messages; the import makes new ones. */
const fileId = z.string().min(1).max(200);

const messageSchema = z.object({
  id: fileId,
  parentId: fileId.nullable(),
  role: z.enum(MESSAGE_ROLES),
  parts: z.array(partSchema).max(10_000),
  metadata: z.record(z.string(), z.unknown()).default({}),
  status: z.enum(MESSAGE_STATUSES).default('complete'),
  createdAt: time,
  updatedAt: time,
});

const conversationSchema = z.object({
  id: fileId,
  title: z.string().max(1000).default(''),
  pinned: z.boolean().default(false),
  archived: z.boolean().default(false),
  settings: z.record(z.string(), z.unknown()).default({}),
  activeLeafId: fileId.nullable().default(null),
  createdAt: time,
  updatedAt: time,
  messages: z.array(messageSchema).max(200_000),
});

export const glmChatExportSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: time.optional(),
  conversations: z.array(conversationSchema).max(100_000),
});

/**
 * A conversation ready to insert (from our format, once the schema has checked it, or converted from
 * another app's): the shape of an exported one, whose ids are labels that only link its messages.
 */
export type ImportedConversation = ExportedConversation;
