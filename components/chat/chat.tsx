'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { settingsApi } from '@/components/settings/api';
import { ModelSettingsButton } from '@/components/settings/model-settings-button';
import { ShareButton } from '@/components/share/share-dialog';
import { refreshConversations } from '@/components/sidebar/conversations-store';
import { ExportMenu } from '@/components/transfer/export-menu';
import type { SiblingMap } from '@/db/queries/branches';
import type { ConversationContext } from '@/lib/chat/context-types';
import type { ModelSettings } from '@/lib/chat/settings';
import type { ChatUIMessage } from '@/lib/chat/types';
import { contextFill } from '@/lib/usage/context-meter';
import { estimateTokens, TOKENS_PER_MESSAGE } from '@/lib/usage/estimate';
import { Composer } from './composer';
import { ContextDialog, ContextErrorChoice } from './context-choice';
import { ContextMeter } from './context-meter';
import { ConversationCost } from './conversation-cost';
import { answerText, registerLastAnswer } from './last-answer';
import { MarkdownWarmUp } from './lazy-markdown';
import { displayStatus } from './message-status';
import { Thread } from './thread';
import { mergeNewestPage, prependOlderPage, type StoredPage } from './thread-page';
import { ToolsMenu } from './tools-menu';
import { useContextWindow } from './use-context-window';
import { type LazyChatOptions, useLazyChat } from './use-lazy-chat';
import { useResumeLiveAnswer } from './use-resume-live-answer';
import { useStoredAnswerPolling } from './use-stored-answer-polling';
import { useToolSwitches } from './use-tool-switches';

/** The context window as the server configures it (GLM_CONTEXT_WINDOW; room kept for the answer). */
export interface ContextLimits {
  window: number;
  /** GLM_CONTEXT_RESERVE_TOKENS: the room kept for the answer when the conversation sets no max completion tokens. */
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
  initialOlderCursor = null,
  initialSiblings,
  initialTools,
  initialSettings,
  limits,
  initialContext = null,
}: {
  id: string;
  /** The newest page of the active branch (older messages load as the reader scrolls up). */
  initialMessages: ChatUIMessage[];
  /** The message just above `initialMessages` (the next older page ends with it); null: none. */
  initialOlderCursor?: string | null;
  /** The versions of each message on the active branch that has more than one. */
  initialSiblings?: SiblingMap;
  /** The tools this conversation had switched on (undefined: the defaults). */
  initialTools?: string[];
  /** The conversation's model settings (a new one: the user's defaults). */
  initialSettings: ModelSettings;
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
  const [settings, setSettings] = useState<ModelSettings>(initialSettings);
  const thinking = settings.thinking;
  const [siblings, setSiblings] = useState<SiblingMap>(initialSiblings ?? {});
  const [branchError, setBranchError] = useState('');
  // The thread holds the newest messages of the branch; older pages load on scroll (B4).
  const [olderCursor, setOlderCursor] = useState<string | null>(initialOlderCursor);
  const olderCursorRef = useRef(olderCursor);
  olderCursorRef.current = olderCursor;
  // The versions shown beside each message: re-read once the server has stored a new one.
  const refreshSiblings = useCallback(async () => {
    try {
      // (The versions map covers the whole branch; one message is all the page needs with it.)
      const response = await fetch(`/api/conversations/${id}/messages?limit=1`, { cache: 'no-store' });
      if (response.ok) setSiblings(((await response.json()) as { siblings: SiblingMap }).siblings);
    } catch {
      // Offline: the switcher catches up on the next answer or reload.
    }
  }, [id]);
  const refreshSiblingsRef = useRef(refreshSiblings);
  refreshSiblingsRef.current = refreshSiblings;
  const {
    options: toolOptions,
    enabled: enabledTools,
    chosen: chosenTools,
    setEnabled: setEnabledTools,
  } = useToolSwitches(initialTools);
  // The request reads the switches and settings as they are when it is sent.
  const turnOptions = useRef({ settings, tools: chosenTools });
  turnOptions.current = { settings, tools: chosenTools };
  // Told whether the server took the message being sent (it answers once the message is saved).
  const acceptance = useRef<((accepted: boolean) => void) | undefined>(undefined);
  const settleAcceptance = useCallback((accepted: boolean) => {
    const settle = acceptance.current;
    acceptance.current = undefined;
    settle?.(accepted);
  }, []);
  // Made once the chat runtime has loaded (use-lazy-chat.ts: it is not part of the first load).
  const transport = useCallback<LazyChatOptions<ChatUIMessage>['transport']>(
    ({ DefaultChatTransport }) =>
      new DefaultChatTransport<ChatUIMessage>({
        api: '/api/chat',
        // Only the new message travels: the server holds the thread.
        prepareSendMessagesRequest: ({ id: chatId, messages, trigger, messageId, body }) => ({
          body:
            trigger === 'regenerate-message'
              ? { id: chatId, trigger, messageId, ...turnOptions.current }
              : {
                  id: chatId,
                  trigger: 'submit-message',
                  message: messages.at(-1),
                  // The answer this message follows, as the page shows it (an edit names the edited
                  // message's parent): the server checks it belongs to this conversation.
                  parentId:
                    body && 'parentId' in body
                      ? body.parentId
                      : (messages.slice(0, -1).findLast((m) => m.role === 'assistant')?.id ?? null),
                  ...turnOptions.current,
                },
        }),
        fetch: async (input, init) => {
          let response: Response;
          try {
            response = await fetch(input, init);
          } catch (failure) {
            settleAcceptance(false);
            throw failure;
          }
          if (init?.method === 'POST') settleAcceptance(response.ok);
          // The conversation exists once the server answers: show it in the sidebar.
          if (response.ok) {
            void refreshConversations();
            // The new message or answer is stored: a new version of a message shows in its switcher.
            if (init?.method === 'POST') void refreshSiblingsRef.current();
          }
          return response;
        },
      }),
    [settleAcceptance],
  );

  const { messages, sendMessage, regenerate, resumeStream, status, error, setMessages, stop, clearError } =
    useLazyChat<ChatUIMessage>({
      id,
      messages: startMessages,
      transport,
      // At most ten renders a second while tokens arrive (B5: a long answer at 500 tokens/s).
      experimental_throttle: 100,
      onFinish: () => {
        void refreshConversations();
        void refreshSiblingsRef.current();
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

  // The room kept for the answer follows the settings as they are now (as the server's check does):
  // the conversation's max completion tokens, at most half the window, else the server's default.
  const reserve = settings.maxCompletionTokens
    ? Math.min(settings.maxCompletionTokens, Math.floor(limits.window / 2))
    : limits.reserve;
  const contextWindow = useContextWindow(id, initialContext);
  const hasOlder = olderCursor !== null;
  // While an answer streams the meter holds what was there before it (it updates when the answer
  // ends): re-estimating a growing answer ten times a second re-rendered the composer and ran the
  // bar's width transition on every frame of the stream (B5).
  const streamingAnswer = status === 'streaming' && messages.at(-1)?.role === 'assistant';
  const fill = contextFill(
    streamingAnswer ? messages.slice(0, -1) : messages,
    contextWindow.context,
    hasOlder,
  );
  const [draftTokens, setDraftTokens] = useState(0);
  const onDraftChange = useCallback((text: string) => {
    setDraftTokens(text.trim() === '' ? 0 : TOKENS_PER_MESSAGE + estimateTokens(text));
  }, []);
  // A draft held back because it would not fit: sent once the user made room.
  const setContextError = contextWindow.setError;
  const [heldDraft, setHeldDraft] = useState<string | null>(null);
  const [resetKey, setResetKey] = useState(0);

  /**
   * Sends a message; resolves once the server has answered whether it took it. A message refused
   * before it was saved (rate limit, an answer running from another tab, a restart) is taken back
   * out of the thread, and the composer keeps its text (it clears only on true).
   */
  const send = useCallback(
    (text: string): Promise<boolean> => {
      const before = messagesRef.current;
      const wasNew = isNew.current;
      if (wasNew) {
        // The address is the conversation's from its first message, not from the end of the answer.
        window.history.replaceState(null, '', `/c/${id}`);
        isNew.current = false;
      }
      clearError();
      settleAcceptance(false);
      const accepted = new Promise<boolean>((resolve) => {
        acceptance.current = resolve;
      });
      // (sendMessage resolves when the whole answer has been read; a failure before any request settles here.)
      void sendMessage({ text }).finally(() => settleAcceptance(false));
      return accepted.then((ok) => {
        if (!ok) {
          setMessages(before);
          if (wasNew) {
            window.history.replaceState(null, '', '/');
            isNew.current = true;
          }
        }
        return ok;
      });
    },
    [id, sendMessage, clearError, setMessages, settleAcceptance],
  );

  const onSend = useCallback(
    (text: string): boolean | Promise<boolean> => {
      const draft = TOKENS_PER_MESSAGE + estimateTokens(text);
      // Before a request that would overflow (thread + message + room for the answer): ask first.
      if (messages.length > 0 && fill.tokens + draft + reserve > limits.window) {
        setContextError(null);
        setHeldDraft(text);
        return false;
      }
      return send(text);
    },
    [messages.length, fill.tokens, limits, reserve, send, setContextError],
  );

  const onChooseBeforeSend = useCallback(
    async (action: 'drop' | 'compact') => {
      if (heldDraft === null) return;
      const ok = await contextWindow.makeRoom(action, TOKENS_PER_MESSAGE + estimateTokens(heldDraft));
      if (!ok) return;
      const draft = heldDraft;
      setHeldDraft(null);
      // The box empties only once the server took the message.
      if (await send(draft)) setResetKey((k) => k + 1);
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

  const messagesRef = useRef(messages);
  messagesRef.current = messages;
  const busyRef = useRef(busy);
  busyRef.current = busy;

  const onEdit = useCallback(
    (messageId: string, text: string) => {
      const current = messagesRef.current;
      const index = current.findIndex((m) => m.id === messageId);
      if (index < 0 || busyRef.current) return;
      clearError();
      setBranchError('');
      // The edit is a sibling of the edited message: same parent, and what followed it is left behind.
      setMessages(current.slice(0, index));
      // (The first message held follows the oldest answer not loaded: the cursor.)
      void sendMessage({ text }, { body: { parentId: current[index - 1]?.id ?? olderCursorRef.current } });
    },
    [sendMessage, setMessages, clearError],
  );

  // The "copy the last answer" shortcut reads it from here (the thread is virtualised).
  useEffect(() => registerLastAnswer(() => answerText(messagesRef.current)), []);

  const switching = useRef(false);
  const onSelectVersion = useCallback(
    async (messageId: string) => {
      if (busyRef.current || switching.current) return;
      switching.current = true;
      setBranchError('');
      try {
        const response = await fetch(`/api/conversations/${id}/branch`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ messageId }),
        });
        if (!response.ok) {
          setBranchError(readableError(new Error(await response.text()), t('genericError')));
          return;
        }
        const view = (await response.json()) as StoredPage & { siblings: SiblingMap };
        clearError();
        setMessages(view.messages);
        setOlderCursor(view.olderCursor);
        setSiblings(view.siblings);
      } catch {
        setBranchError(t('switchFailed'));
      } finally {
        switching.current = false;
      }
    },
    [id, setMessages, clearError, t],
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
  // Re-reading the newest page keeps the older messages already loaded above it.
  const applyPage = useCallback(
    (page: StoredPage) => {
      const merged = mergeNewestPage(messagesRef.current, olderCursorRef.current, page);
      setMessages(merged.messages);
      setOlderCursor(merged.olderCursor);
    },
    [setMessages],
  );
  useStoredAnswerPolling(id, lastIsStoredStreaming, applyPage);
  const currentMessages = useCallback(() => messagesRef.current, []);
  useResumeLiveAnswer(id, resumeLive, resumeStream, currentMessages, applyPage);

  // The page above the oldest message held, when the reader scrolls near the top. Keyset on the
  // branch: the page ends with the cursor (the parent of the oldest message held).
  const loadingOlder = useRef(false);
  const loadOlder = useCallback(async () => {
    const cursor = olderCursorRef.current;
    if (cursor === null || loadingOlder.current) return;
    loadingOlder.current = true;
    try {
      const response = await fetch(
        `/api/conversations/${id}/messages?through=${encodeURIComponent(cursor)}`,
        { cache: 'no-store' },
      );
      if (response.ok && olderCursorRef.current === cursor) {
        const page = (await response.json()) as StoredPage;
        setMessages(prependOlderPage(messagesRef.current, page));
        olderCursorRef.current = page.olderCursor;
        setOlderCursor(page.olderCursor);
      } else if (response.status === 400 && !busyRef.current) {
        // The cursor left the branch (another tab switched versions): show the branch as it is now.
        const now = await fetch(`/api/conversations/${id}/messages`, { cache: 'no-store' });
        if (now.ok) applyPage((await now.json()) as StoredPage);
      }
    } catch {
      // Offline: scrolling to the top again retries.
    } finally {
      loadingOlder.current = false;
    }
  }, [id, setMessages, applyPage]);

  const statuses = messages.map((m, i) => displayStatus(m, i === messages.length - 1, status));

  // GLM refused the last request as too long: offer the same choice, then ask again.
  const lastIndex = messages.length - 1;
  // (Also an answer Z.ai ended with `model_context_window_exceeded`: an error with the same code.)
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

  // The composer is memoised: these stay the same objects while an answer streams.
  const toolsMenu = useMemo(
    () => (
      <>
        <ToolsMenu options={toolOptions} enabled={enabledTools} onChange={setEnabledTools} />
        <ModelSettingsButton
          settings={settings}
          onSave={saveSettings}
          tools={toolOptions.filter((o) => enabledTools.includes(o.id) && !o.id.startsWith('mcp:'))}
        />
      </>
    ),
    [toolOptions, enabledTools, setEnabledTools, settings, saveSettings],
  );
  const meter = useMemo(
    () => (
      <ContextMeter
        used={fill.tokens}
        draft={draftTokens}
        window={limits.window}
        reserve={reserve}
        exact={fill.exact}
      />
    ),
    [fill.tokens, fill.exact, draftTokens, limits.window, reserve],
  );

  return (
    <main className="flex min-h-0 flex-1 flex-col">
      {messages.length > 0 && (
        <div className="flex shrink-0 items-center justify-end gap-1 px-3 pt-2">
          <ConversationCost conversationId={id} version={busy ? '' : costVersion} />
          <ExportMenu conversationId={id} />
          <ShareButton conversationId={id} />
        </div>
      )}
      {/* The virtualiser keeps the view in place when messages above change size or are loaded;
          the browser's own scroll anchoring would correct the same change a second time. */}
      <div
        ref={scroller}
        className="min-h-0 flex-1 overflow-y-auto [overflow-anchor:none]"
        data-testid="thread-scroller"
      >
        {messages.length === 0 ? (
          <div className="flex h-full flex-col items-center justify-center gap-2 p-6 text-center">
            <h1 className="text-2xl font-semibold">{t('emptyTitle')}</h1>
            <p className="max-w-md text-sm text-muted-foreground">{t('emptyHint')}</p>
          </div>
        ) : (
          <Thread
            messages={messages}
            statuses={statuses}
            siblings={siblings}
            onRegenerate={busy ? undefined : onRegenerate}
            onEdit={busy ? undefined : onEdit}
            onSelectVersion={busy || lastIsStoredStreaming ? undefined : onSelectVersion}
            context={contextWindow.context}
            scrollerRef={scroller}
            onNearTop={hasOlder ? loadOlder : undefined}
          />
        )}
        {branchError && (
          <div className="mx-auto max-w-3xl px-4">
            <p
              role="alert"
              className="rounded-lg border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm"
            >
              {branchError}
            </p>
          </div>
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
        onThinkingChange={onThinkingChange}
        toolsMenu={toolsMenu}
        onDraftChange={onDraftChange}
        resetKey={resetKey}
        meter={meter}
      />
      <MarkdownWarmUp />
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
