import type { ChatUIMessage } from '@/lib/chat/types';

/**
 * Signs of a backend that is not set up for GLM-4.7-Flash: its tool-call markup left in the answer
 * (a vLLM or Ollama without the glm47 tool parser), or reasoning tokens billed with no reasoning text
 * (a server without the glm45 reasoning parser that dropped it).
 */
export function backendWarnings(message: ChatUIMessage): string[] {
  if (message.role !== 'assistant') return [];
  const warnings: string[] = [];
  const text = message.parts.map((p) => (p.type === 'text' ? p.text : '')).join('');
  if (/<tool_call>[\s\S]*?(<arg_key>|<\/tool_call>)/.test(text)) {
    warnings.push(
      'The model wrote a tool call as text: the server is not parsing GLM tool calls. On vLLM or SGLang start it with --tool-call-parser glm47 (and --enable-auto-tool-choice); on Ollama update to a version that supports GLM-4.7.',
    );
  }
  const reasoningTokens = message.metadata?.usage?.reasoningTokens ?? 0;
  const hasReasoning = message.parts.some((p) => p.type === 'reasoning' && p.text.trim().length > 0);
  if (reasoningTokens > 0 && !hasReasoning && message.metadata?.status !== 'streaming') {
    warnings.push(
      `The server reported ${reasoningTokens.toLocaleString('en')} reasoning tokens but sent no reasoning: start vLLM or SGLang with --reasoning-parser glm45, or set GLM_REASONING_IN_CONTENT=true if the reasoning is left in the answer.`,
    );
  }
  return warnings;
}
