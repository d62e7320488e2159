import {
  convertToModelMessages,
  createIdGenerator,
  createUIMessageStreamResponse,
  stepCountIs,
  streamText,
  type ToolSet,
  type UIMessageChunk,
} from 'ai';
import type { Db } from '@/db/client';
import { getThread, saveUserTurn, startRegeneration } from '@/db/queries/messages';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { describeGlmError } from '@/lib/glm/errors';
import type { Glm } from '@/lib/glm/provider';
import { activeStreams } from './active-streams';
import { createMetadataTracker } from './metadata';
import { persistAnswer } from './persist';
import type { TurnAsk } from './request';
import { titleFromText } from './title';
import type { ChatUIMessage } from './types';

export const generateMessageId = createIdGenerator({ prefix: 'msg', size: 24 });

/** The most model calls one answer may take (reasoning → tools → reasoning → … → answer). */
export const DEFAULT_MAX_STEPS = 8;

export interface TurnInput {
  db: Db;
  glm: Glm;
  ownerId: string;
  conversationId: string;
  /** A new user message, or a new answer to an earlier question. */
  ask: TurnAsk;
  maxRetries: number;
  /** GLM thinks before answering (default on). */
  thinking?: boolean;
  /** Tools GLM may call in this turn. */
  tools?: ToolSet;
  /** The most model calls in one turn (a tool loop), default 8. */
  maxSteps?: number;
}

/** A stop aborts the upstream read; the errors that causes are not failures to report. */
function dropErrorsAfterStop(signal: AbortSignal): TransformStream<UIMessageChunk, UIMessageChunk> {
  return new TransformStream({
    transform(chunk, controller) {
      if (chunk.type === 'error' && signal.aborted) return;
      controller.enqueue(chunk);
    },
  });
}

/** Assistant messages that carry nothing for the model (an error before any token) are left out. */
function forModel(thread: ChatUIMessage[]): ChatUIMessage[] {
  return thread.filter((m) => m.role !== 'assistant' || m.parts.some((p) => p.type !== 'step-start'));
}

/**
 * One turn: save the user's message, stream GLM's answer to the browser, and persist the answer
 * whatever happens to the browser. The model call is aborted only through the Stop endpoint.
 */
export async function runTurn(input: TurnInput): Promise<Response> {
  const { db, glm, ownerId, conversationId, ask } = input;
  const registry = activeStreams();
  const running = registry.get(conversationId);
  // Another owner's conversation does not exist for this caller, streaming or not.
  if (running && running.ownerId !== ownerId) throw new NotFoundError('Conversation not found');
  if (running) {
    throw new ConflictError('An answer is still being written in this conversation. Stop it or wait for it.');
  }

  const thinking = input.thinking ?? true;
  const assistantId = generateMessageId();
  const createdAt = Date.now();
  const startMetadata = { createdAt, model: glm.modelId, status: 'streaming' as const, thinking };

  if (ask.kind === 'submit') {
    // The user's message is stored before the model is called: nothing the user typed is lost.
    const text = ask.message.parts.map((p) => (p.type === 'text' ? p.text : '')).join(' ');
    saveUserTurn(db, {
      ownerId,
      conversationId,
      userMessage: ask.message,
      assistantMessageId: assistantId,
      assistantMetadata: startMetadata,
      title: titleFromText(text),
    });
  } else {
    startRegeneration(db, {
      ownerId,
      conversationId,
      messageId: ask.messageId,
      assistantMessageId: assistantId,
      assistantMetadata: startMetadata,
    });
  }
  const thread = getThread(db, ownerId, conversationId);
  if (!thread) throw new NotFoundError('Conversation not found');
  const history = forModel(thread.filter((m) => m.id !== assistantId));

  const controller = new AbortController();
  const tracker = createMetadataTracker(startMetadata, () => controller.signal.aborted);
  const result = streamText({
    model: glm.model,
    messages: await convertToModelMessages(history, { tools: input.tools, ignoreIncompleteToolCalls: true }),
    tools: input.tools,
    stopWhen: stepCountIs(input.maxSteps ?? DEFAULT_MAX_STEPS),
    abortSignal: controller.signal,
    maxRetries: input.maxRetries,
    providerOptions: glm.providerOptions({ thinking }),
    onError: () => {
      // Reported to the user through the stream's error part; nothing else to do here.
    },
  });

  const uiStream = result.toUIMessageStream<ChatUIMessage>({
    originalMessages: history,
    generateMessageId: () => assistantId,
    messageMetadata: ({ part }) => tracker.forPart(part),
    sendReasoning: true,
    onError: describeGlmError,
  });
  // Two readers of one stream: the browser, and the persister that keeps going if the browser leaves.
  const [toBrowser, toStore] = uiStream.pipeThrough(dropErrorsAfterStop(controller.signal)).tee();

  let finished!: () => void;
  const done = new Promise<void>((resolve) => {
    finished = resolve;
  });
  registry.add({
    conversationId,
    ownerId,
    messageId: assistantId,
    startedAt: createdAt,
    abort: (reason) => controller.abort(reason),
    done,
  });
  persistAnswer({ db, messageId: assistantId, stream: toStore, startMetadata })
    .catch((error: unknown) => {
      console.error('[glm-chat] could not save an answer:', error instanceof Error ? error.message : error);
    })
    .finally(() => {
      registry.remove(conversationId, assistantId);
      finished();
    });

  return createUIMessageStreamResponse({ stream: toBrowser });
}

/** Stops the answer being written in a conversation and waits until it is saved as `stopped`. */
export async function stopTurn(ownerId: string, conversationId: string): Promise<boolean> {
  const stream = activeStreams().get(conversationId);
  if (!stream || stream.ownerId !== ownerId) return false;
  stream.abort('stopped by user');
  await stream.done;
  return true;
}
