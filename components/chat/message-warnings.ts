import type { ChatUIMessage } from '@/lib/chat/types';

/**
 * Signs of a backend that is not set up for GLM-4.7-Flash: its tool-call markup left in the answer
 * (a vLLM or Ollama without the glm47 tool parser), or reasoning tokens billed with no reasoning text
 * (a server without the glm45 reasoning parser that dropped it).
 */
export type BackendWarning =
  | { key: 'warningToolCallText'; values?: undefined }
  | { key: 'warningMissingReasoning'; values: { count: number } };

/** Each warning as a message key (`message.*` in messages/*.json) with its values. */
export function backendWarnings(message: ChatUIMessage): BackendWarning[] {
  if (message.role !== 'assistant') return [];
  const warnings: BackendWarning[] = [];
  const text = message.parts.map((p) => (p.type === 'text' ? p.text : '')).join('');
  if (/<tool_call>[\s\S]*?(<arg_key>|<\/tool_call>)/.test(text)) {
    warnings.push({ key: 'warningToolCallText' });
  }
  const reasoningTokens = message.metadata?.usage?.reasoningTokens ?? 0;
  const hasReasoning = message.parts.some((p) => p.type === 'reasoning' && p.text.trim().length > 0);
  if (reasoningTokens > 0 && !hasReasoning && message.metadata?.status !== 'streaming') {
    warnings.push({ key: 'warningMissingReasoning', values: { count: reasoningTokens } });
  }
  return warnings;
}
