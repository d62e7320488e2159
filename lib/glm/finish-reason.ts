import { contextWindowSentence } from './error-codes';

/**
 * GLM finish reasons the AI SDK does not know (it reports them as `other`), mapped onto the SDK's.
 * `sensitive` is Z.ai's content filter; `model_context_window_exceeded` means the window is full.
 */
const GLM_FINISH_REASONS: Record<string, string> = {
  sensitive: 'content-filter',
  model_context_window_exceeded: 'length',
  network_error: 'error',
};

export function mapFinishReason(unified: string, raw: string | undefined): string {
  if (unified === 'other' && raw && Object.hasOwn(GLM_FINISH_REASONS, raw)) return GLM_FINISH_REASONS[raw];
  return unified;
}

/**
 * A finish reason that means the answer failed, with its sentence. Z.ai ends a conversation that has
 * outgrown the window with a lone `finish_reason: "model_context_window_exceeded"` chunk (no usage,
 * no `object` key), often before any text: that is the context-too-long error, not an empty answer.
 */
export function finishReasonFailure(
  raw: string | undefined,
): { errorText: string; errorCode: 'context_length' } | undefined {
  if (raw === 'model_context_window_exceeded') {
    return { errorText: contextWindowSentence(), errorCode: 'context_length' };
  }
  return undefined;
}
