'use client';

import { useChat } from '@ai-sdk/react';
import { DefaultChatTransport } from 'ai';
import { useTranslations } from 'next-intl';
import { useCallback, useMemo, useRef, useState } from 'react';
import { settingsApi } from '@/components/settings/api';
import { ModelSettingsDialog } from '@/components/settings/model-settings-dialog';
import { ShareButton } from '@/components/share/share-dialog';
import { refreshConversations } from '@/components/sidebar/conversations-store';
import type { ModelSettings } from '@/lib/chat/settings';
import type { ChatUIMessage } from '@/lib/chat/types';
import { Composer } from './composer';
import { displayStatus } from './message-status';
import { Thread } from './thread';
import { ToolsMenu } from './tools-menu';
import { useResumeLiveAnswer } from './use-resume-live-answer';
import { useStoredAnswerPolling } from './use-stored-answer-polling';
import { useToolSwitches } from './use-tool-switches';

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
  initialSettings,
}: {
  id: string;
  initialMessages: ChatUIMessage[];
  /** The tools this conversation had switched on (undefined: the defaults). */
  initialTools?: string[];
  /** The conversation's model settings (a new one: the user's defaults). */
  initialSettings: ModelSettings;
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
  const [settings, setSettings] = useState<ModelSettings>(initialSettings);
  const thinking = settings.thinking;
  const {
    options: toolOptions,
    enabled: enabledTools,
    chosen: chosenTools,
    setEnabled: setEnabledTools,
  } = useToolSwitches(initialTools);
  // The request reads the switches and settings as they are when it is sent.
  const turnOptions = useRef({ settings, tools: chosenTools });
  turnOptions.current = { settings, tools: chosenTools };
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

  // Settings are kept with the conversation once it exists; before its first message they travel
  // with that message.
  const saveSettings = useCallback(
    async (next: ModelSettings) => {
      setSettings(next);
      if (!isNew.current) await settingsApi.saveConversation(id, next);
    },
    [id],
  );
  const onThinkingChange = useCallback(
    (on: boolean) => {
      saveSettings({ ...turnOptions.current.settings, thinking: on }).catch(() => undefined);
    },
    [saveSettings],
  );

  const onSend = useCallback(
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

  // The thread scrolls itself to its end when it opens and when a message is added.
  const scroller = useRef<HTMLDivElement>(null);

  return (
    <main className="flex min-h-0 flex-1 flex-col">
      {messages.length > 0 && (
        <div className="flex shrink-0 justify-end px-3 pt-2">
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
            scrollerRef={scroller}
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
        onThinkingChange={onThinkingChange}
        toolsMenu={
          <>
            <ToolsMenu options={toolOptions} enabled={enabledTools} onChange={setEnabledTools} />
            <ModelSettingsDialog
              settings={settings}
              onSave={saveSettings}
              tools={toolOptions.filter((o) => enabledTools.includes(o.id) && !o.id.startsWith('mcp:'))}
            />
          </>
        }
      />
    </main>
  );
}
