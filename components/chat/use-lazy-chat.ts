'use client';

import type { Chat as ReactChat } from '@ai-sdk/react';
import type { ChatInit, ChatStatus, ChatTransport, UIMessage } from 'ai';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { whenIdle } from '@/components/ui/when-idle';
import { isMarkdownLoaded, loadMarkdown } from './lazy-markdown';
import { throttle } from './throttle';

type Runtime = typeof import('./chat-runtime');
type RuntimeChat<M extends UIMessage> = ReactChat<M>;

let runtime: Runtime | undefined;
let loading: Promise<Runtime> | undefined;

/** Loads the AI SDK's chat client (once); resolves at once when it is already here. */
export function loadChatRuntime(): Promise<Runtime> {
  loading ??= import('./chat-runtime').then((module) => {
    runtime = module;
    return module;
  });
  return loading;
}

export interface LazyChatOptions<M extends UIMessage> {
  id: string;
  messages: M[];
  /** Makes the transport once the runtime is here (DefaultChatTransport is part of it). */
  transport: (runtime: Runtime) => ChatTransport<M>;
  onFinish?: ChatInit<M>['onFinish'];
  /** At most one render per this many ms while tokens arrive. */
  experimental_throttle?: number;
}

const noop = () => undefined;

/**
 * `useChat` of `@ai-sdk/react`, with the runtime loaded on demand: until it is here the hook holds
 * the page's messages itself (status `ready`, `setMessages` works); it preloads the runtime (and the
 * markdown renderer) when the page is idle, and every action (`sendMessage`, `regenerate`, `resumeStream`, `stop`) waits for
 * it first. The subscription to the Chat instance is the one `useChat` makes (a snapshot that only
 * the throttled messages callback, or the end of a request, moves on).
 */
export function useLazyChat<M extends UIMessage>({
  id,
  messages: initialMessages,
  transport,
  onFinish,
  experimental_throttle: throttleWaitMs,
}: LazyChatOptions<M>) {
  const latest = useRef({ onFinish, transport });
  latest.current = { onFinish, transport };
  // Before the runtime: the messages live here.
  const [localMessages, setLocalMessages] = useState<M[]>(initialMessages);
  const localRef = useRef(localMessages);
  const chatRef = useRef<RuntimeChat<M> | null>(null);
  const [chat, setChat] = useState<RuntimeChat<M> | null>(null);

  const create = useCallback(
    (module: Runtime): RuntimeChat<M> => {
      if (!chatRef.current) {
        chatRef.current = new module.Chat<M>({
          id,
          messages: localRef.current,
          transport: latest.current.transport(module),
          onFinish: (event) => latest.current.onFinish?.(event),
        });
        setChat(chatRef.current);
      }
      return chatRef.current;
    },
    [id],
  );
  // An action taken before the runtime is here reads as `submitted` until it is (the composer is busy).
  const [waiting, setWaiting] = useState(false);
  const ready = useCallback(async (): Promise<RuntimeChat<M>> => {
    if (chatRef.current) return chatRef.current;
    if (runtime && isMarkdownLoaded()) return create(runtime);
    setWaiting(true);
    try {
      // The renderer too: the answer this action brings is rendered in the browser.
      const [module] = await Promise.all([loadChatRuntime(), loadMarkdown()]);
      return create(module);
    } finally {
      setWaiting(false);
    }
  }, [create]);

  useEffect(() => {
    if (runtime) {
      create(runtime);
      return;
    }
    // Idle: the runtime, and the markdown renderer an answer will need (lazy-markdown.tsx).
    return whenIdle(() => {
      void loadChatRuntime().then(create);
      void loadMarkdown();
    });
  }, [create]);

  // As useChat: the rendered messages move only when the (throttled) callback says so.
  const snapshot = useRef<{ chat: RuntimeChat<M> | null; messages: M[] }>({ chat, messages: localMessages });
  if (snapshot.current.chat !== chat)
    snapshot.current = { chat, messages: chat ? chat.messages : localMessages };
  if (!chat) snapshot.current.messages = localMessages;
  const subscribeToMessages = useCallback(
    (update: () => void) => {
      if (!chat) return noop;
      let subscribed = true;
      const onMessages = () => {
        if (!subscribed || snapshot.current.chat !== chat) return;
        snapshot.current = { chat, messages: chat.messages };
        update();
      };
      // Throttled here rather than by the SDK (throttle.ts: the same timing, without two timer calls
      // per streamed chunk).
      const unsubscribe = chat['~registerMessagesCallback'](
        throttleWaitMs ? throttle(onMessages, throttleWaitMs) : onMessages,
      );
      snapshot.current = { chat, messages: chat.messages };
      return () => {
        subscribed = false;
        unsubscribe();
      };
    },
    [chat, throttleWaitMs],
  );
  const getMessages = useCallback(() => snapshot.current.messages, []);
  const messages = useSyncExternalStore(subscribeToMessages, getMessages, getMessages);
  const subscribeToStatus = useCallback(
    (update: () => void) =>
      chat
        ? chat['~registerStatusCallback'](() => {
            if (snapshot.current.chat !== chat) return;
            if (chat.status === 'ready' || chat.status === 'error')
              snapshot.current = { chat, messages: chat.messages };
            update();
          })
        : noop,
    [chat],
  );
  const chatStatus = useSyncExternalStore<ChatStatus>(
    subscribeToStatus,
    () => chat?.status ?? 'ready',
    () => 'ready',
  );
  const status: ChatStatus = waiting && chatStatus === 'ready' ? 'submitted' : chatStatus;
  const error = useSyncExternalStore(
    useCallback((update: () => void) => (chat ? chat['~registerErrorCallback'](update) : noop), [chat]),
    () => chat?.error,
    () => undefined,
  );

  const setMessages = useCallback((next: M[] | ((messages: M[]) => M[])) => {
    const current = chatRef.current;
    if (current) current.messages = typeof next === 'function' ? next(current.messages) : next;
    else {
      localRef.current = typeof next === 'function' ? next(localRef.current) : next;
      setLocalMessages(localRef.current);
    }
  }, []);
  type Chat = RuntimeChat<M>;
  const sendMessage = useCallback(
    async (...args: Parameters<Chat['sendMessage']>) => (await ready()).sendMessage(...args),
    [ready],
  );
  const regenerate = useCallback(
    async (...args: Parameters<Chat['regenerate']>) => (await ready()).regenerate(...args),
    [ready],
  );
  const resumeStream = useCallback(
    async (...args: Parameters<Chat['resumeStream']>) => (await ready()).resumeStream(...args),
    [ready],
  );
  const stop = useCallback(async () => chatRef.current?.stop(), []);
  const clearError = useCallback(() => chatRef.current?.clearError(), []);
  return { messages, setMessages, sendMessage, regenerate, resumeStream, stop, clearError, status, error };
}
