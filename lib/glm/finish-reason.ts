/**
 * GLM finish reasons the AI SDK does not know (it reports them as `other`), mapped onto the SDK's.
 * `sensitive` is Z.ai's content filter; `model_context_window_exceeded` means the output was cut.
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
