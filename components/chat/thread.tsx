'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import {
  type ReactNode,
  type RefObject,
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import type { SiblingMap } from '@/db/queries/branches';
import type { ConversationContext } from '@/lib/chat/context-types';
import type { ChatUIMessage, MessageStatus } from '@/lib/chat/types';
import { ContextMarker } from './context-marker';
import { Message } from './message';
import { registerThread, type ThreadHandle } from './thread-scroll';

/** First guesses of a message's height (px) until it is measured: a question, an answer. */
const ESTIMATE = { user: 96, assistant: 480 } as const;
/**
 * The viewport assumed before the browser measures one (server render and the first client
 * render must agree, or hydration fails): the thread is drawn from its end, as the page opens there.
 */
const INITIAL_RECT = { width: 768, height: 900 };
/** Space above the first message and below the last (px). */
const PADDING = 24;
/** Space below each message (the row's pb-6, px). */
const ROW_GAP = 24;
/** Messages kept rendered beyond each edge of the viewport. */
const OVERSCAN = 3;
/** Older messages start loading when the first message rendered is among the first this many. */
const NEAR_TOP = 8;

/** Rows waiting to render their message, one per animation frame (oldest first). */
const rowQueue: (() => void)[] = [];
let rowFrame = 0;
function renderNextRow() {
  rowFrame = 0;
  rowQueue.shift()?.();
  if (rowQueue.length > 0) rowFrame = requestAnimationFrame(renderNextRow);
}
/** Runs `render` in a coming frame, one row per frame; the returned function takes it off the queue. */
function whenFrameFree(render: () => void): () => void {
  rowQueue.push(render);
  if (!rowFrame) rowFrame = requestAnimationFrame(renderNextRow);
  return () => {
    const at = rowQueue.indexOf(render);
    if (at >= 0) rowQueue.splice(at, 1);
  };
}

/**
 * A row that scrolls into view after the thread opened: it first takes its measured (or estimated)
 * height empty, then its message renders in a later frame, one row per frame, instead of in the
 * scroll frame itself, where two or three answers of markdown, tables and code made one long task
 * (B4). A row that leaves the viewport before its turn never renders. The rows the thread opens
 * with, and the last message (sent, streaming), render at once.
 */
function DeferredRow({ defer, height, children }: { defer: boolean; height: number; children: ReactNode }) {
  const [ready, setReady] = useState(!defer);
  useEffect(() => (ready ? undefined : whenFrameFree(() => setReady(true))), [ready]);
  if (ready) return children;
  return <div data-testid="message-placeholder" aria-hidden style={{ height }} />;
}

function estimate(message: ChatUIMessage | undefined): number {
  return message?.role === 'user' ? ESTIMATE.user : ESTIMATE.assistant;
}

/**
 * The messages of a conversation. Virtualised (@tanstack/react-virtual): only the messages in and
 * near the viewport are in the DOM, so a thread of a thousand answers opens and scrolls like a short
 * one. Each message is still an `article` with data-role/data-status when it is rendered; a message
 * out of view is reached with `scrollToMessage(id)` (ref handle, or `thread-scroll.ts` from
 * anywhere on the page).
 */
export function Thread({
  messages,
  statuses,
  siblings,
  onRegenerate,
  onEdit,
  onSelectVersion,
  context = null,
  scrollerRef,
  onNearTop,
  ref,
}: {
  messages: ChatUIMessage[];
  statuses: MessageStatus[];
  /** The versions of each message on the path that has more than one. */
  siblings: SiblingMap;
  /** Asks the last answer again; absent while an answer streams. */
  onRegenerate?: (messageId: string) => void;
  /** Sends an edited version of a user message; absent while an answer streams. */
  onEdit?: (messageId: string, text: string) => void;
  /** Shows another version of a message; absent while an answer streams. */
  onSelectVersion?: (messageId: string) => void;
  /** Where the model's context starts: a marker (and the summary) goes before that message. */
  context?: ConversationContext | null;
  /** The element that scrolls the thread. */
  scrollerRef: RefObject<HTMLElement | null>;
  /** Set while older messages can be loaded: called when the reader nears the first one held. */
  onNearTop?: () => void;
  ref?: React.Ref<ThreadHandle>;
}) {
  const lastAssistant = messages.findLastIndex((m) => m.role === 'assistant');
  const count = messages.length;
  // The end of the thread, as first drawn (see INITIAL_RECT).
  const initialOffset = useRef<number | null>(null);
  if (initialOffset.current === null) {
    const total = messages.reduce((sum, m) => sum + estimate(m), 2 * PADDING);
    initialOffset.current = Math.max(0, total - INITIAL_RECT.height);
  }
  // Before the virtualiser reads the scroll position (its effects run after this one): open at the
  // end, where the first render already is, instead of rendering the top of the thread first.
  useLayoutEffect(() => {
    const scroller = scrollerRef.current;
    if (scroller && initialOffset.current) scroller.scrollTop = initialOffset.current;
  }, [scrollerRef]);

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollerRef.current,
    estimateSize: (index) => estimate(messages[index]),
    getItemKey: (index) => messages[index]?.id ?? index,
    overscan: OVERSCAN,
    initialRect: INITIAL_RECT,
    paddingStart: PADDING,
    paddingEnd: PADDING,
    initialOffset: initialOffset.current,
    useFlushSync: false,
    // Older messages are prepended as the reader scrolls up: the message in view keeps its place.
    anchorTo: 'end',
  });

  const scrollToMessage = useCallback(
    (id: string, align: 'start' | 'center' | 'end' = 'start') => {
      const index = messages.findIndex((m) => m.id === id);
      if (index < 0) return false;
      virtualizer.scrollToIndex(index, { align });
      return true;
    },
    [messages, virtualizer],
  );
  const handle = useRef<ThreadHandle>({ scrollToMessage });
  handle.current.scrollToMessage = scrollToMessage;
  useImperativeHandle(ref, () => handle.current, []);
  useEffect(() => registerThread(handle.current), []);

  // A new message (sent, or an answer starting) brings the end of the thread into view; older
  // messages loaded above (the last one unchanged) do not.
  const lastId = messages.at(-1)?.id;
  const shown = useRef({ count, lastId });
  useEffect(() => {
    const before = shown.current;
    if (count > 0 && count !== before.count && lastId !== before.lastId)
      virtualizer.scrollToIndex(count - 1, { align: 'end' });
    shown.current = { count, lastId };
  }, [count, lastId, virtualizer]);
  // Opening a thread: once the messages in view are measured, settle exactly at its end (only on
  // mount: later scrolling is the reader's).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, when the thread opens
  useEffect(() => {
    if (count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' });
  }, []);

  const items = virtualizer.getVirtualItems();
  // Rows mounted from the second commit on are deferred (see DeferredRow).
  const opened = useRef(false);
  useEffect(() => {
    opened.current = true;
  }, []);
  // Near the first message held: ask for the page above it (the chat ignores repeated calls).
  const firstShown = items[0]?.index;
  useEffect(() => {
    if (onNearTop && firstShown !== undefined && firstShown < NEAR_TOP) onNearTop();
  }, [onNearTop, firstShown]);
  // The messages in view sit in normal flow; padding stands in for the ones above and below.
  const before = items[0]?.start ?? PADDING;
  const after = Math.max(PADDING, virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0));
  return (
    <div
      className="mx-auto w-full max-w-3xl px-4"
      aria-live="off"
      style={{ paddingTop: before, paddingBottom: after }}
    >
      {items.map((item) => {
        const message = messages[item.index];
        const versions = siblings[message.id];
        const at = versions ? versions.indexOf(message.id) : -1;
        const hasVersions = versions !== undefined && at >= 0;
        return (
          <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} className="pb-6">
            {context && item.index > 0 && message.id === context.startMessageId && (
              <div className="pb-6">
                <ContextMarker summary={context.summary} />
              </div>
            )}
            <DeferredRow
              defer={opened.current && item.index < count - 1}
              height={Math.max(0, item.size - ROW_GAP)}
            >
              <Message
                message={message}
                status={statuses[item.index]}
                onRegenerate={item.index === lastAssistant ? onRegenerate : undefined}
                onEdit={message.role === 'user' ? onEdit : undefined}
                versionIndex={hasVersions ? at : undefined}
                versionCount={hasVersions ? versions.length : undefined}
                previousVersionId={hasVersions ? versions[at - 1] : undefined}
                nextVersionId={hasVersions ? versions[at + 1] : undefined}
                onSelectVersion={onSelectVersion}
              />
            </DeferredRow>
          </div>
        );
      })}
    </div>
  );
}
