'use client';

import { useChat } from '@ai-sdk/react';
import { DefaultChatTransport } from 'ai';
import { useTranslations } from 'next-intl';
import { useCallback, useMemo, useRef, useState } from 'react';
import { ShareButton } from '@/components/share/share-dialog';
import { refreshConversations } from '@/components/sidebar/conversations-store';
import type { ConversationContext } from '@/lib/chat/context-types';
import type { ChatUIMessage } from '@/lib/chat/types';
import { contextFill } from '@/lib/usage/context-meter';
import { estimateTokens, TOKENS_PER_MESSAGE } from '@/lib/usage/estimate';
import { Composer } from './composer';
import { ContextDialog, ContextErrorChoice } from './context-choice';
import { ContextMeter } from './context-meter';
import { ConversationCost } from './conversation-cost';
import { displayStatus } from './message-status';
import { Thread } from './thread';
import { ToolsMenu } from './tools-menu';
import { useContextWindow } from './use-context-window';
import { useResumeLiveAnswer } from './use-resume-live-answer';
import { useStoredAnswerPolling } from './use-stored-answer-polling';
import { useToolSwitches } from './use-tool-switches';

/** The context window as the server configures it (GLM_CONTEXT_WINDOW; room kept for the answer). */
export interface ContextLimits {
  window: number;
  /** The conversation's max_completion_tokens, or GLM_CONTEXT_RESERVE_TOKENS. */
  reserve: number;
}

/** Reads the `{ error: { message } }` body our routes answer with; falls back to the raw text. */
function readableError(error: Error, fallback: string): string {
  try {
    const body = JSON.parse(error.message) as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // not our JSON
  }
  return error.message || fallback;
}

export function Chat({
  id,
  initialMessages,
  initialTools,
  limits,
  initialContext = null,
}: {
  id: string;
  initialMessages: ChatUIMessage[];
  /** The tools this conversation had switched on (undefined: the defaults). */
  initialTools?: string[];
  limits: ContextLimits;
  /** Where the model's context starts (after a drop or compact); null: the whole thread. */
  initialContext?: ConversationContext | null;
}) {
  const t = useTranslations('chat');
  const isNew = useRef(initialMessages.length === 0);
  // An answer still being written when the page loads is taken from the live stream instead
  // (replayed from its start), so the page shows exactly what the other tab shows.
  const [{ startMessages, resumeLive }] = useState(() => {
    const last = initialMessages.at(-1);
    const live = last?.role === 'assistant' && last.metadata?.status === 'streaming';
    return { startMessages: live ? initialMessages.slice(0, -1) : initialMessages, resumeLive: live };
  });
  const [thinking, setThinking] = useState(true);
  const {
    options: toolOptions,
    enabled: enabledTools,
    chosen: chosenTools,
    setEnabled: setEnabledTools,
  } = useToolSwitches(initialTools);
  // The request reads the switches as they are when it is sent.
  const turnOptions = useRef({ thinking, tools: chosenTools });
  turnOptions.current = { thinking, tools: chosenTools };
  const transport = useMemo(
    () =>
      new DefaultChatTransport<ChatUIMessage>({
        api: '/api/chat',
        // Only the new message travels: the server holds the thread.
        prepareSendMessagesRequest: ({ id: chatId, messages, trigger, messageId }) => ({
          body:
            trigger === 'regenerate-message'
              ? { id: chatId, trigger, messageId, ...turnOptions.current }
              : { id: chatId, trigger: 'submit-message', message: messages.at(-1), ...turnOptions.current },
        }),
        fetch: async (input, init) => {
          const response = await fetch(input, init);
          // The conversation exists once the server answers: show it in the sidebar.
          if (response.ok) void refreshConversations();
          return response;
        },
      }),
    [],
  );

  const { messages, sendMessage, regenerate, resumeStream, status, error, setMessages, stop, clearError } =
    useChat<ChatUIMessage>({
      id,
      messages: startMessages,
      transport,
      // At most ten renders a second while tokens arrive (B5: a long answer at 500 tokens/s).
      experimental_throttle: 100,
      onFinish: () => {
        void refreshConversations();
      },
    });

  const busy = status === 'submitted' || status === 'streaming';

  const contextWindow = useContextWindow(id, initialContext);
  const fill = useMemo(() => contextFill(messages, contextWindow.context), [messages, contextWindow.context]);
  const [draftTokens, setDraftTokens] = useState(0);
  const onDraftChange = useCallback((text: string) => {
    setDraftTokens(text.trim() === '' ? 0 : TOKENS_PER_MESSAGE + estimateTokens(text));
  }, []);
  // A draft held back because it would not fit: sent once the user made room.
  const [heldDraft, setHeldDraft] = useState<string | null>(null);
  const [resetKey, setResetKey] = useState(0);

  const send = useCallback(
    (text: string) => {
      if (isNew.current) {
        // The address is the conversation's from its first message, not from the end of the answer.
        window.history.replaceState(null, '', `/c/${id}`);
        isNew.current = false;
      }
      clearError();
      void sendMessage({ text });
    },
    [id, sendMessage, clearError],
  );

  const onSend = useCallback(
    (text: string): boolean => {
      const draft = TOKENS_PER_MESSAGE + estimateTokens(text);
      // Before a request that would overflow (thread + message + room for the answer): ask first.
      if (messages.length > 0 && fill.tokens + draft + limits.reserve > limits.window) {
        contextWindow.setError(null);
        setHeldDraft(text);
        return false;
      }
      send(text);
      return true;
    },
    [messages.length, fill.tokens, limits, send, contextWindow],
  );

  const onChooseBeforeSend = useCallback(
    async (action: 'drop' | 'compact') => {
      if (heldDraft === null) return;
      const ok = await contextWindow.makeRoom(action, TOKENS_PER_MESSAGE + estimateTokens(heldDraft));
      if (!ok) return;
      send(heldDraft);
      setHeldDraft(null);
      setResetKey((k) => k + 1);
    },
    [heldDraft, contextWindow, send],
  );

  const onRegenerate = useCallback(
    (messageId: string) => {
      clearError();
      void regenerate({ messageId });
    },
    [regenerate, clearError],
  );

  const onStop = useCallback(async () => {
    try {
      // The server stops GLM and saves the partial answer; the stream then ends by itself.
      const response = await fetch(`/api/chat/${id}/stop`, { method: 'POST' });
      if (!response.ok) throw new Error(`stop failed: ${response.status}`);
      const body = (await response.json()) as { stopped: boolean };
      if (!body.stopped) await stop();
    } catch {
      await stop();
    }
  }, [id, stop]);

  // An answer still being written by the server (another tab, or a closed one) is followed from storage.
  const last = messages.at(-1);
  const lastIsStoredStreaming = !busy && last?.role === 'assistant' && last.metadata?.status === 'streaming';
  useStoredAnswerPolling(id, lastIsStoredStreaming, setMessages);
  const messagesRef = useRef(messages);
  messagesRef.current = messages;
  const currentMessages = useCallback(() => messagesRef.current, []);
  useResumeLiveAnswer(id, resumeLive, resumeStream, currentMessages, setMessages);

  const statuses = messages.map((m, i) => displayStatus(m, i === messages.length - 1, status));

  // GLM refused the last request as too long: offer the same choice, then ask again.
  const lastIndex = messages.length - 1;
  // (Also a complete answer that Z.ai cut off with `model_context_window_exceeded`.)
  const contextFailed =
    !busy &&
    last?.role === 'assistant' &&
    (statuses[lastIndex] === 'error' || statuses[lastIndex] === 'complete') &&
    last.metadata?.errorCode === 'context_length';
  const onChooseAfterError = useCallback(
    async (action: 'drop' | 'compact') => {
      const failed = messagesRef.current.at(-1);
      if (!failed) return;
      const ok = await contextWindow.makeRoom(action, 0);
      if (!ok) return;
      clearError();
      void regenerate({ messageId: failed.id });
    },
    [contextWindow, regenerate, clearError],
  );
  // The header's totals are fetched again when an answer ends or a summary is made.
  const finishedAnswers = messages.filter((m, i) => m.role === 'assistant' && statuses[i] !== 'streaming');
  const costVersion =
    messages.length === 0
      ? ''
      : `${finishedAnswers.length}:${finishedAnswers.at(-1)?.id ?? ''}:${contextWindow.context?.createdAt ?? 0}`;

  // The thread scrolls itself to its end when it opens and when a message is added.
  const scroller = useRef<HTMLDivElement>(null);

  return (
    <main className="flex min-h-0 flex-1 flex-col">
      {messages.length > 0 && (
        <div className="flex shrink-0 items-center justify-end gap-1 px-3 pt-2">
          <ConversationCost conversationId={id} version={busy ? '' : costVersion} />
          <ShareButton conversationId={id} />
        </div>
      )}
      <div ref={scroller} className="min-h-0 flex-1 overflow-y-auto" data-testid="thread-scroller">
        {messages.length === 0 ? (
          <div className="flex h-full flex-col items-center justify-center gap-2 p-6 text-center">
            <h1 className="text-2xl font-semibold">{t('emptyTitle')}</h1>
            <p className="max-w-md text-sm text-muted-foreground">{t('emptyHint')}</p>
          </div>
        ) : (
          <Thread
            messages={messages}
            statuses={statuses}
            onRegenerate={busy ? undefined : onRegenerate}
            context={contextWindow.context}
            scrollerRef={scroller}
          />
        )}
        {contextFailed && (
          <ContextErrorChoice
            busy={contextWindow.busy}
            error={contextWindow.error}
            onChoose={(action) => void onChooseAfterError(action)}
          />
        )}
        {error && !messages.some((_m, i) => statuses[i] === 'error') && (
          <div className="mx-auto max-w-3xl px-4">
            <p
              role="alert"
              className="rounded-lg border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm"
            >
              {readableError(error, t('genericError'))}
            </p>
          </div>
        )}
      </div>
      <Composer
        busy={busy}
        onSend={onSend}
        onStop={onStop}
        thinking={thinking}
        onThinkingChange={setThinking}
        toolsMenu={<ToolsMenu options={toolOptions} enabled={enabledTools} onChange={setEnabledTools} />}
        onDraftChange={onDraftChange}
        resetKey={resetKey}
        meter={
          <ContextMeter
            used={fill.tokens}
            draft={draftTokens}
            window={limits.window}
            reserve={limits.reserve}
            exact={fill.exact}
          />
        }
      />
      <ContextDialog
        open={heldDraft !== null}
        busy={contextWindow.busy}
        error={contextWindow.error}
        onChoose={(action) => void onChooseBeforeSend(action)}
        onCancel={() => setHeldDraft(null)}
      />
    </main>
  );
}
