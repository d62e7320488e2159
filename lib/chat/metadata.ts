import type { LanguageModelUsage, TextStreamPart, ToolSet } from 'ai';
import { describeGlmError, isContextLengthError } from '@/lib/glm/errors';
import { finishReasonFailure, mapFinishReason } from '@/lib/glm/finish-reason';
import { SHUTDOWN_REASON } from './shutdown';
import type { ChatMessageMetadata, MessageUsage } from './types';

/** The words for an answer ended by a timeout rather than by the user. */
export function describeTimeout(reason: string | undefined): string {
  const ms = Number(/(\d+)ms/.exec(reason ?? '')?.[1]);
  const seconds = Number.isFinite(ms) ? Math.round(ms / 1000) : undefined;
  return seconds
    ? `GLM stopped sending for ${seconds} s, so the answer was ended. What arrived is kept; try again.`
    : 'The answer was cut off before GLM finished. What arrived is kept; try again.';
}

export function toMessageUsage(usage: LanguageModelUsage): MessageUsage {
  return {
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    reasoningTokens: usage.outputTokenDetails?.reasoningTokens ?? usage.reasoningTokens,
    cachedInputTokens: usage.inputTokenDetails?.cacheReadTokens ?? usage.cachedInputTokens,
    totalTokens: usage.totalTokens,
  };
}

/**
 * Derives an answer's metadata from the stream as it passes (status, timings, usage, finish reason).
 * Its `forPart` is the `messageMetadata` callback of `toUIMessageStream`: what it returns reaches the
 * browser in the same stream, so the live view and the stored row carry the same status.
 */
export function createMetadataTracker(
  start: ChatMessageMetadata & { createdAt: number },
  /** True once the answer was aborted on purpose: the errors an abort causes are not failures. */
  isStopped: () => boolean,
  /** Why it was aborted: the server shutting down makes it `interrupted` rather than `stopped`. */
  abortReason: () => unknown = () => undefined,
) {
  let reasoningStartedAt: number | undefined;
  const reasoningDurations: number[] = [];
  let firstTokenMs: number | undefined;
  let errorText: string | undefined;
  let errorCode: ChatMessageMetadata['errorCode'];
  /** prompt + completion of the latest model call: what the conversation now fills of the window. */
  let contextTokens: number | undefined;
  const toolStarts = new Map<string, number>();
  const toolDurations: Record<string, number> = {};
  const toolEnded = (toolCallId: string): ChatMessageMetadata | undefined => {
    const startedAt = toolStarts.get(toolCallId);
    if (startedAt === undefined) return undefined;
    toolDurations[toolCallId] = Date.now() - startedAt;
    return { toolDurations: { ...toolDurations } };
  };

  const stopped = (): ChatMessageMetadata => ({
    status: abortReason() === SHUTDOWN_REASON ? 'interrupted' : 'stopped',
    firstTokenMs,
    totalMs: Date.now() - start.createdAt,
  });
  const markFirstToken = () => {
    firstTokenMs ??= Date.now() - start.createdAt;
  };

  return {
    forPart(part: TextStreamPart<ToolSet>): ChatMessageMetadata | undefined {
      switch (part.type) {
        case 'start':
          return { ...start, status: 'streaming' };
        case 'reasoning-start':
          reasoningStartedAt = Date.now();
          return undefined;
        case 'reasoning-delta':
        case 'text-delta':
        case 'tool-input-start':
          if (firstTokenMs === undefined) markFirstToken();
          return undefined;
        case 'tool-call':
          toolStarts.set(part.toolCallId, Date.now());
          return undefined;
        case 'tool-result':
        case 'tool-error':
          return toolEnded(part.toolCallId);
        case 'reasoning-end':
          if (reasoningStartedAt !== undefined) reasoningDurations.push(Date.now() - reasoningStartedAt);
          reasoningStartedAt = undefined;
          return { reasoningDurations: [...reasoningDurations] };
        case 'finish-step': {
          const { inputTokens, outputTokens } = part.usage;
          if (inputTokens !== undefined) contextTokens = inputTokens + (outputTokens ?? 0);
          return undefined;
        }
        case 'error':
          if (isStopped()) return stopped();
          errorText = describeGlmError(part.error);
          if (isContextLengthError(part.error)) errorCode = 'context_length';
          return { status: 'error', errorText, errorCode };
        case 'abort':
          if (isStopped()) return stopped();
          // Not the user: a timeout ended it (GLM went quiet).
          errorText = describeTimeout(part.reason);
          return { status: 'error', errorText, firstTokenMs, totalMs: Date.now() - start.createdAt };
        case 'finish': {
          if (isStopped()) return stopped();
          // Z.ai ends an answer the window cut off with `model_context_window_exceeded`: an error, and
          // the same way out as a request refused as too long.
          const failure = errorText ? undefined : finishReasonFailure(part.rawFinishReason);
          if (failure) errorText = failure.errorText;
          return {
            status: errorText ? 'error' : 'complete',
            errorText,
            errorCode: errorCode ?? failure?.errorCode,
            finishReason: mapFinishReason(part.finishReason, part.rawFinishReason),
            rawFinishReason: part.rawFinishReason,
            usage: toMessageUsage(part.totalUsage),
            contextTokens,
            firstTokenMs,
            totalMs: Date.now() - start.createdAt,
          };
        }
        default:
          return undefined;
      }
    },
    /** The error to show when the stream failed before it could say why. */
    errorText: () => errorText,
  };
}
