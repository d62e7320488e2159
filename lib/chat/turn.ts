import {
  convertToModelMessages,
  createIdGenerator,
  stepCountIs,
  streamText,
  type ToolSet,
  type UIMessageChunk,
} from 'ai';
import type { Db } from '@/db/client';
import { saveSiblingAnswers } from '@/db/queries/choices';
import { getConversationContext } from '@/db/queries/context';
import {
  failStreamingAnswer,
  getThread,
  saveUserTurn,
  startRegeneration,
  textOf,
} from '@/db/queries/messages';
import { recordUsage } from '@/db/queries/usage';
import { AppError, ConflictError, NotFoundError } from '@/lib/errors';
import { ChoiceCollector, type ExtraChoice, registerCollector } from '@/lib/glm/choices';
import { describeGlmError } from '@/lib/glm/errors';
import { mapFinishReason } from '@/lib/glm/finish-reason';
import type { Glm } from '@/lib/glm/provider';
import { wireParams } from '@/lib/glm/wire-params';
import { errorFields, log } from '@/lib/log';
import type { PriceSnapshot } from '@/lib/usage/cost';
import { activeStreams } from './active-streams';
import { messagesForModel } from './context';
import { failedAnswerStream, failureHandling, metadataBeforeError } from './end-on-failure';
import { openTitleJob, type TitleJob } from './generated-title';
import { checkJsonAnswer } from './json-answer';
import type { TurnReservation } from './limits';
import { createMetadataTracker } from './metadata';
import { persistAnswer } from './persist';
import type { TurnAsk } from './request';
import { DEFAULT_MODEL_SETTINGS, type ModelSettings } from './settings';
import { assertAcceptingTurns } from './shutdown';
import { sseResponse } from './sse-response';
import { StreamHub } from './stream-hub';
import { titleFromText } from './title';
import type { ChatMessageMetadata, ChatUIMessage, MessageStatus } from './types';

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
  /** GLM thinks before answering (default on); `settings.thinking` when settings are given. */
  thinking?: boolean;
  /** The conversation's model settings (default: the app defaults). */
  settings?: ModelSettings;
  /** Tools GLM may call in this turn. */
  tools?: ToolSet;
  /** The most model calls in one turn (a tool loop), default 8. */
  maxSteps?: number;
  /** Ends an answer whose upstream sends nothing for this long (ms). */
  idleTimeoutMs?: number;
  /** Prices in force: snapshotted on the answer and its usage row, so later changes don't rewrite it. */
  price?: PriceSnapshot;
  /** The turn's place under the caps (lib/chat/limits.ts), released when the turn ends. */
  reservation?: TurnReservation;
}

/** How much of a JSON answer is kept to check it (a larger one is reported as not valid). */
const MAX_JSON_ANSWER_CHARS = 1_000_000;

/** The SDK's unified name for a raw OpenAI finish reason (as the provider maps choice 0's). */
function finishReasonOf(raw: string): string {
  const unified: Record<string, string> = {
    stop: 'stop',
    length: 'length',
    content_filter: 'content-filter',
    tool_calls: 'tool-calls',
    function_call: 'tool-calls',
  };
  return mapFinishReason(unified[raw] ?? 'other', raw);
}

/** Another choice of an `n` > 1 answer as a stored sibling version. */
function siblingOf(
  extra: ExtraChoice,
  context: {
    status: MessageStatus;
    choices: number;
    startMetadata: ChatMessageMetadata;
    format: ModelSettings['responseFormat'];
  },
) {
  const parts: ChatUIMessage['parts'] = [{ type: 'step-start' }];
  if (extra.reasoning) parts.push({ type: 'reasoning', text: extra.reasoning, state: 'done' });
  if (extra.text) parts.push({ type: 'text', text: extra.text, state: 'done' });
  const ended = extra.finishReason !== null;
  const status: Exclude<MessageStatus, 'streaming'> = ended
    ? 'complete'
    : context.status === 'complete' || context.status === 'streaming'
      ? 'error'
      : context.status;
  const warnings = [...(context.startMetadata.settingsWarnings ?? [])];
  if (extra.toolCalls > 0) {
    warnings.push({ key: 'versionToolCalls', values: { count: extra.toolCalls } });
  }
  if (extra.truncated) warnings.push({ key: 'versionTruncated' });
  const json = checkJsonAnswer(extra.text, context.format);
  const metadata: ChatMessageMetadata = {
    createdAt: context.startMetadata.createdAt,
    model: context.startMetadata.model,
    thinking: context.startMetadata.thinking,
    choice: { index: extra.index, of: context.choices },
    ...(ended
      ? {
          finishReason: finishReasonOf(extra.finishReason ?? 'stop'),
          rawFinishReason: extra.finishReason ?? undefined,
        }
      : { errorText: 'This version did not finish.' }),
    ...(warnings.length ? { settingsWarnings: warnings } : {}),
    ...(json ? { json } : {}),
  };
  return { id: generateMessageId(), parts, metadata, status };
}

/** Assistant messages that carry nothing for the model (an error before any token) are left out. */
function forModel(thread: ChatUIMessage[]): ChatUIMessage[] {
  return thread.filter((m) => m.role !== 'assistant' || m.parts.some((p) => p.type !== 'step-start'));
}

/** What the answer row says when its turn failed on the server before or while it started. */
export const TURN_FAILED_TEXT =
  'This answer could not be written: the server failed while preparing it. Try again; if it keeps failing, start a new conversation.';

/** The reason stored on an answer whose turn failed after it was saved. */
function failureText(error: unknown): string {
  return error instanceof AppError && error.status < 500 ? error.message : TURN_FAILED_TEXT;
}

/** Refuses a turn before anything is saved: shutting down, or an answer already running here. */
function refuseBusy(ownerId: string, conversationId: string): void {
  assertAcceptingTurns();
  const running = activeStreams().get(conversationId);
  // Another owner's conversation does not exist for this caller, streaming or not.
  if (running && running.ownerId !== ownerId) throw new NotFoundError('Conversation not found');
  if (running) {
    throw new ConflictError('An answer is still being written in this conversation. Stop it or wait for it.');
  }
}

/**
 * Stores the question (or a new version of an answer) with the empty `streaming` answer under it.
 * A new conversation opens its title job (see generated-title.ts).
 */
function saveAsk(
  input: TurnInput,
  assistantId: string,
  startMetadata: ChatMessageMetadata,
): { titleJob?: TitleJob; question: string } {
  const { db, ownerId, conversationId, ask } = input;
  if (ask.kind === 'regenerate') {
    startRegeneration(db, {
      ownerId,
      conversationId,
      messageId: ask.messageId,
      assistantMessageId: assistantId,
      assistantMetadata: startMetadata,
    });
    return { question: '' };
  }
  const question = ask.message.parts.map((p) => (p.type === 'text' ? p.text : '')).join(' ');
  const { created } = saveUserTurn(db, {
    ownerId,
    conversationId,
    userMessage: ask.message,
    parentId: ask.parentId,
    assistantMessageId: assistantId,
    assistantMetadata: startMetadata,
    title: titleFromText(question),
  });
  return { question, titleJob: created ? openTitleJob(ownerId, conversationId) : undefined };
}

/**
 * One turn: save the user's message, stream GLM's answer to the browser, and persist the answer
 * whatever happens to the browser. The model call is aborted only through the Stop endpoint.
 *
 * Its lifecycle has one guard: whatever phase fails after the answer row is saved (reading the
 * thread, converting it for the model, starting the stream), the row ends as `error` with a
 * reason, and what the turn holds (its registry entry, its reservation, its title job) is let go.
 * A row is never left `streaming` by a live process.
 */
export async function runTurn(input: TurnInput): Promise<Response> {
  const { db, glm, ownerId, conversationId } = input;
  /** Undone, newest first, when the turn fails before its answer streams. */
  const undo: Array<() => void> = [() => input.reservation?.release()];
  let assistantId: string | undefined;
  let startMetadata: ChatMessageMetadata = {};
  try {
    refuseBusy(ownerId, conversationId);
    const registry = activeStreams();
    const settings = input.settings ?? { ...DEFAULT_MODEL_SETTINGS, thinking: input.thinking ?? true };
    const thinking = settings.thinking;
    const wire = wireParams(settings, glm.dialect, { toolNames: Object.keys(input.tools ?? {}) });
    const choices = typeof wire.body.n === 'number' ? wire.body.n : 1;
    const answerId = generateMessageId();
    const createdAt = Date.now();
    const start = {
      createdAt,
      model: glm.modelId,
      status: 'streaming' as const,
      thinking,
      ...(wire.warnings.length ? { settingsWarnings: wire.warnings } : {}),
      ...(choices > 1 ? { choice: { index: 0, of: choices } } : {}),
      ...(input.price ? { price: input.price } : {}),
    };
    startMetadata = start;

    // The user's message is stored before the model is called: nothing the user typed is lost.
    const { titleJob, question } = saveAsk(input, answerId, start);
    assistantId = answerId;
    undo.push(() => titleJob?.close(db));

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
      messageId: answerId,
      startedAt: createdAt,
      abort: (reason) => controller.abort(reason),
      subscribe: () => hub?.subscribe(),
      subscribeSse: () => hub?.subscribeSse(),
      done,
    });
    const unregister = () => {
      registry.remove(conversationId, answerId);
      finished();
    };
    undo.push(unregister);

    const thread = getThread(db, ownerId, conversationId);
    if (!thread) throw new NotFoundError('Conversation not found');
    // Turns before the context start (drop / compact) stay in the thread but are not sent.
    const history = messagesForModel(
      forModel(thread.filter((m) => m.id !== answerId)),
      getConversationContext(db, ownerId, conversationId),
    );

    // The other choices (n > 1) and the logprobs are read from the SSE beside the SDK (lib/glm/choices.ts).
    const collector =
      choices > 1 || settings.logprobs
        ? new ChoiceCollector({ extras: choices > 1, logprobs: settings.logprobs })
        : undefined;
    const collection = collector ? registerCollector(answerId, collector) : undefined;
    undo.push(() => collection?.release());
    const format = settings.responseFormat;
    let answerText = '';

    const tracker = createMetadataTracker(
      start,
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
      system: settings.systemPrompt.trim() ? settings.systemPrompt : undefined,
      toolChoice: wire.toolChoice as Parameters<typeof streamText>[0]['toolChoice'],
      headers: collection?.headers,
      providerOptions: glm.providerOptions({ thinking, body: wire.body }),
      onError: () => {
        // Reported to the user through the stream's error part; nothing else to do here.
      },
    });

    const uiStream = result.toUIMessageStream<ChatUIMessage>({
      originalMessages: history,
      generateMessageId: () => answerId,
      messageMetadata: ({ part }) => {
        if (
          part.type === 'text-delta' &&
          format.type !== 'text' &&
          answerText.length < MAX_JSON_ANSWER_CHARS
        ) {
          answerText += part.text;
        }
        const metadata = tracker.forPart(part);
        if (part.type !== 'finish' || !metadata) return metadata;
        // The upstream body has ended by now: the collector holds everything.
        const collected = collector?.result();
        const json = checkJsonAnswer(answerText, format);
        return {
          ...metadata,
          ...(json ? { json } : {}),
          ...(settings.logprobs && collected
            ? { logprobs: collected.logprobs, logprobsTruncated: collected.logprobsTruncated || undefined }
            : {}),
        };
      },
      sendReasoning: true,
      onError: describeGlmError,
    });
    // One stream, many readers: the browser that asked, the persister (which keeps it flowing when
    // the browser leaves), and any tab that attaches later (GET /api/chat/{id}/stream).
    const answerHub = new StreamHub(
      uiStream.pipeThrough(metadataBeforeError()),
      failureHandling(describeGlmError, () => controller.signal.aborted),
    );
    hub = answerHub;

    const persisted = persistAnswer({
      db,
      messageId: answerId,
      source: answerHub,
      startMetadata: start,
      // The answer, its usage row and its other versions (n > 1) are written together: the usage page
      // never misses a finished answer, and a reload never shows the answer without its versions.
      onFinish: (message) => {
        const extras = choices > 1 ? (collector?.result().extras ?? []) : [];
        if (extras.length > 0) {
          const status = message.metadata?.status ?? 'error';
          saveSiblingAnswers(
            db,
            ownerId,
            conversationId,
            answerId,
            extras.map((extra) => siblingOf(extra, { status, choices, startMetadata: start, format })),
          );
        }
        const usage = message.metadata?.usage;
        if (input.price && usage && (usage.inputTokens || usage.outputTokens)) {
          recordUsage(db, {
            id: answerId,
            ownerId,
            conversationId,
            messageId: answerId,
            kind: 'answer',
            usage,
            price: input.price,
            createdAt,
          });
        }
      },
    });
    // From here the persister owns the row's end, and the end of the stream lets the turn go.
    undo.length = 0;
    if (titleJob) {
      const job = titleJob;
      // After the answer is saved, never before: the title reads it, and never delays the turn's end.
      void persisted.then(
        ({ status, message }) =>
          job.generate({ db, glm, question, answer: textOf(message.parts), complete: status === 'complete' }),
        () => job.close(db),
      );
    }
    persisted
      .catch((error: unknown) => {
        // Through the redacting logger: a database error can quote the message it failed to write.
        log('error', 'could not save an answer', { messageId: answerId, ...errorFields(error) });
        endFailedAnswer(db, answerId, start, TURN_FAILED_TEXT);
      })
      .finally(() => {
        collection?.release();
        unregister();
        input.reservation?.release();
      });

    return sseResponse(answerHub.subscribeSse());
  } catch (error) {
    for (const step of undo.reverse()) step();
    // Refused before anything was saved: the request fails, and the browser keeps the message.
    if (!assistantId) throw error;
    // The question is stored: its answer ends as failed, in the row and in the browser alike.
    log('error', 'a turn failed after its answer was saved', {
      messageId: assistantId,
      ...errorFields(error),
    });
    const errorText = failureText(error);
    endFailedAnswer(db, assistantId, startMetadata, errorText);
    return sseResponse(
      new StreamHub(failedAnswerStream(assistantId, startMetadata, errorText)).subscribeSse(),
    );
  }
}

/** Ends an answer still `streaming` as `error` with a reason; a failure to write is logged. */
function endFailedAnswer(db: Db, messageId: string, metadata: ChatMessageMetadata, errorText: string): void {
  try {
    failStreamingAnswer(db, messageId, metadata, errorText);
  } catch (writeError) {
    log('error', 'could not end a failed answer', { messageId, ...errorFields(writeError) });
  }
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
