import { z } from 'zod';
import { ValidationError } from '@/lib/errors';
import { type ModelSettings, modelSettingsSchema } from './settings';
import type { ChatUIMessage } from './types';

export const MAX_MESSAGE_CHARS = 100_000;
export const MAX_BODY_BYTES = 1_000_000;

/** Conversation and message ids: opaque, URL-safe, bounded. */
export const idSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'an id of 8–64 letters, digits, - or _');

const textPartSchema = z.object({
  type: z.literal('text'),
  text: z
    .string()
    .max(
      MAX_MESSAGE_CHARS,
      `a message can hold at most ${MAX_MESSAGE_CHARS.toLocaleString('en')} characters`,
    ),
});

const userMessageSchema = z.object({
  id: idSchema,
  role: z.literal('user'),
  parts: z
    .array(textPartSchema)
    .min(1)
    .max(20)
    .refine((parts) => parts.some((p) => p.text.trim().length > 0), 'the message is empty'),
  metadata: z.unknown().optional(),
});

const toolNamesSchema = z.array(z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'a tool name')).max(64);

const commonFields = {
  id: idSchema,
  /** GLM thinks before answering (on by default); overrides `settings.thinking` when given. */
  thinking: z.boolean().optional(),
  /** The tools switched on for this conversation; kept with it. */
  tools: toolNamesSchema.optional(),
  /** The conversation's model settings as the browser has them; kept with it. */
  settings: modelSettingsSchema.optional(),
};

export const chatRequestSchema = z.discriminatedUnion('trigger', [
  z.object({
    ...commonFields,
    trigger: z.literal('submit-message'),
    message: userMessageSchema,
    /**
     * The answer the new message follows (null: a new first message). An edit sends the edited
     * message's parent, so the edit becomes its sibling; absent: the end of the active branch.
     */
    parentId: idSchema.nullable().optional(),
  }),
  z.object({ ...commonFields, trigger: z.literal('regenerate-message'), messageId: idSchema }),
]);

export type TurnAsk =
  | { kind: 'submit'; message: ChatUIMessage; parentId?: string | null }
  | { kind: 'regenerate'; messageId: string };

export interface ChatRequest {
  conversationId: string;
  ask: TurnAsk;
  thinking: boolean | undefined;
  tools: string[] | undefined;
  settings: ModelSettings | undefined;
}

/** Reads and validates a chat POST body; every failure is a 400 that names the field. */
export async function parseChatRequest(request: Request): Promise<ChatRequest> {
  const length = Number(request.headers.get('content-length') ?? '0');
  if (length > MAX_BODY_BYTES) throw new ValidationError('The request body is too large.');
  const raw = await request.text();
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) throw new ValidationError('The request body is too large.');
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ValidationError('The request body is not valid JSON.');
  }
  const withTrigger =
    json && typeof json === 'object' && !('trigger' in json) ? { ...json, trigger: 'submit-message' } : json;
  const parsed = chatRequestSchema.safeParse(withTrigger);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'body';
    throw new ValidationError(`Invalid ${field}: ${issue?.message ?? 'invalid value'}`, field);
  }
  const body = parsed.data;
  const ask: TurnAsk =
    body.trigger === 'submit-message'
      ? {
          kind: 'submit',
          message: {
            id: body.message.id,
            role: 'user',
            parts: body.message.parts.map((p) => ({ type: 'text', text: p.text })),
          },
          parentId: body.parentId,
        }
      : { kind: 'regenerate', messageId: body.messageId };
  return {
    conversationId: body.id,
    ask,
    thinking: body.thinking,
    tools: body.tools,
    settings: body.settings,
  };
}
