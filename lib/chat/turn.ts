import {
  convertToModelMessages,
  createIdGenerator,
  stepCountIs,
  streamText,
  type ToolSet,
  type UIMessageChunk,
} from 'ai';
import type { Db } from '@/db/client';
import { getConversationContext } from '@/db/queries/context';
import { getThread, saveUserTurn, startRegeneration } from '@/db/queries/messages';
import { recordUsage } from '@/db/queries/usage';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { describeGlmError } from '@/lib/glm/errors';
import type { Glm } from '@/lib/glm/provider';
import { errorFields, log } from '@/lib/log';
import type { PriceSnapshot } from '@/lib/usage/cost';
import { activeStreams } from './active-streams';
import { messagesForModel } from './context';
import { endOnFailure } from './end-on-failure';
import { createMetadataTracker } from './metadata';
import { persistAnswer } from './persist';
import type { TurnAsk } from './request';
import { assertAcceptingTurns } from './shutdown';
import { sseResponse } from './sse-response';
import { StreamHub } from './stream-hub';
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
  /** Ends an answer whose upstream sends nothing for this long (ms). */
  idleTimeoutMs?: number;
  /** Prices in force: snapshotted on the answer and its usage row, so later changes don't rewrite it. */
  price?: PriceSnapshot;
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
  assertAcceptingTurns();
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
  const startMetadata = {
    createdAt,
    model: glm.modelId,
    status: 'streaming' as const,
    thinking,
    ...(input.price ? { price: input.price } : {}),
  };

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
  // Turns before the context start (drop / compact) stay in the thread but are not sent.
  const history = messagesForModel(
    forModel(thread.filter((m) => m.id !== assistantId)),
    getConversationContext(db, ownerId, conversationId),
  );

  const controller = new AbortController();
  let finished!: () => void;
  const done = new Promise<void>((resolve) => {
    finished = resolve;
  });
  // Registered before the first await, so a second request for this conversation sees it.
  let hub: StreamHub<UIMessageChunk> | undefined;
  registry.add({
    conversationId,
    ownerId,
    messageId: assistantId,
    startedAt: createdAt,
    abort: (reason) => controller.abort(reason),
    subscribe: () => hub?.subscribe(),
    subscribeSse: () => hub?.subscribeSse(),
    done,
  });

  try {
    const tracker = createMetadataTracker(
      startMetadata,
      () => controller.signal.aborted,
      () => controller.signal.reason,
    );
    const result = streamText({
      model: glm.model,
      messages: await convertToModelMessages(history, {
        tools: input.tools,
        ignoreIncompleteToolCalls: true,
      }),
      tools: input.tools,
      stopWhen: stepCountIs(input.maxSteps ?? DEFAULT_MAX_STEPS),
      abortSignal: controller.signal,
      // An upstream that goes quiet mid-answer ends the answer instead of hanging it.
      timeout: input.idleTimeoutMs ? { chunkMs: input.idleTimeoutMs } : undefined,
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
    // One stream, many readers: the browser that asked, the persister (which keeps it flowing when
    // the browser leaves), and any tab that attaches later (GET /api/chat/{id}/stream).
    hub = new StreamHub(endOnFailure(uiStream, describeGlmError, () => controller.signal.aborted));
  } catch (error) {
    registry.remove(conversationId, assistantId);
    finished();
    throw error;
  }

  persistAnswer({
    db,
    messageId: assistantId,
    stream: hub.subscribe(),
    startMetadata,
    // The answer and its usage row are written together: the usage page never misses a finished answer.
    onFinish: (message) => {
      const usage = message.metadata?.usage;
      if (input.price && usage && (usage.inputTokens || usage.outputTokens)) {
        recordUsage(db, {
          id: assistantId,
          ownerId,
          conversationId,
          messageId: assistantId,
          kind: 'answer',
          usage,
          price: input.price,
          createdAt,
        });
      }
    },
  })
    .catch((error: unknown) => {
      // Through the redacting logger: a database error can quote the message it failed to write.
      log('error', 'could not save an answer', { messageId: assistantId, ...errorFields(error) });
    })
    .finally(() => {
      registry.remove(conversationId, assistantId);
      finished();
    });

  return sseResponse(hub.subscribeSse());
}

/**
 * Re-attaches to the answer being written in a conversation: what was sent so far, then the rest.
 * Undefined when nothing is being written (the stored conversation is then up to date).
 */
export function resumeTurn(ownerId: string, conversationId: string): Response | undefined {
  const stream = activeStreams().get(conversationId);
  if (!stream || stream.ownerId !== ownerId) return undefined;
  const events = stream.subscribeSse();
  return events ? sseResponse(events) : undefined;
}

/** Stops the answer being written in a conversation and waits until it is saved as `stopped`. */
export async function stopTurn(ownerId: string, conversationId: string): Promise<boolean> {
  const stream = activeStreams().get(conversationId);
  if (!stream || stream.ownerId !== ownerId) return false;
  stream.abort('stopped by user');
  await stream.done;
  return true;
}
