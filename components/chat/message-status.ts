import type { ChatStatus } from 'ai';
import type { ChatUIMessage, MessageStatus } from '@/lib/chat/types';

/**
 * The status a message shows: the stored statuses only (never the AI SDK's submitted/ready), the
 * same while it streams and after a reload.
 */
export function displayStatus(
  message: ChatUIMessage,
  isLast: boolean,
  chatStatus: ChatStatus,
): MessageStatus {
  if (message.role !== 'assistant') return 'complete';
  const stored = message.metadata?.status;
  if (stored && stored !== 'streaming') return stored;
  if (isLast && chatStatus === 'error') return 'error';
  return (
    stored ??
    (isLast && (chatStatus === 'streaming' || chatStatus === 'submitted') ? 'streaming' : 'complete')
  );
}
