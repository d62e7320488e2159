'use client';

import { useMemo, useSyncExternalStore } from 'react';
import type { ConversationSummary } from '@/db/queries/conversations';
import * as api from './api';

/**
 * The sidebar's lists (the conversations, and the archived ones once opened), shared by the sidebar
 * and the chat (which refreshes it when a turn starts or ends). Pages are loaded as the list scrolls;
 * organising (rename, pin, archive, delete) shows at once and is undone if the server refuses.
 */

export type View = 'active' | 'archived';

/** Message keys (`sidebar.notices.*`) of the status line. */
export type NoticeKey =
  | 'archived'
  | 'unarchived'
  | 'deleted'
  | 'restored'
  | 'renameFailed'
  | 'changeFailed'
  | 'deleteFailed'
  | 'restoreFailed';

/** The list's error when a page could not be read and the server said nothing (shown translated). */
export const LOAD_FAILED = 'load-failed';

export interface ListState {
  items: ConversationSummary[];
  nextCursor: string | null;
  loading: boolean;
  /** The first page has been read (the archived list is read when first opened). */
  loaded: boolean;
  error: string | null;
}

export interface SidebarState {
  active: ListState;
  archived: ListState;
  /** Titles GLM is writing right now (shown as they arrive). */
  streamingTitles: Record<string, string>;
  /** A sentence for the status line, with an Undo when it can be undone. */
  notice: { id: number; key?: NoticeKey; text?: string; undo?: () => void } | null;
}

const emptyList = (): ListState => ({
  items: [],
  nextCursor: null,
  loading: false,
  loaded: false,
  error: null,
});

let state: SidebarState = {
  active: emptyList(),
  archived: emptyList(),
  streamingTitles: {},
  notice: null,
};
let seeded = false;
const listeners = new Set<() => void>();
const followed = new Set<string>();
const renamedHere = new Set<string>();
let inflight: Promise<void> | null = null;
let noticeSeq = 0;

function set(next: Partial<SidebarState>) {
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

function setList(view: View, next: Partial<ListState>) {
  set({ [view]: { ...state[view], ...next } } as Partial<SidebarState>);
}

/** Pinned first, then the most recently updated, then id: the server's order. */
export function compareConversations(a: ConversationSummary, b: ConversationSummary): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
  if (a.updatedAt !== b.updatedAt) return b.updatedAt - a.updatedAt;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export function seedConversations(initial: ConversationSummary[], nextCursor: string | null = null): void {
  if (seeded) return;
  seeded = true;
  state = { ...state, active: { ...emptyList(), items: initial, nextCursor, loaded: true } };
}

function findItem(id: string): { view: View; item: ConversationSummary } | undefined {
  for (const view of ['active', 'archived'] as const) {
    const item = state[view].items.find((c) => c.id === id);
    if (item) return { view, item };
  }
  return undefined;
}

/** Replaces or inserts one conversation in the list its `archived` flag says, keeping the order. */
function upsert(conversation: ConversationSummary) {
  const view: View = conversation.archived ? 'archived' : 'active';
  const other: View = view === 'active' ? 'archived' : 'active';
  const without = (list: ConversationSummary[]) => list.filter((c) => c.id !== conversation.id);
  const target = state[view];
  const items = [...without(target.items), conversation].sort(compareConversations);
  // A row that sorts after everything loaded so far belongs to a page not yet read.
  const last = target.items.at(-1);
  const beyond = target.nextCursor !== null && last && compareConversations(conversation, last) > 0;
  set({
    [view]: { ...target, items: beyond ? without(target.items) : items },
    [other]: { ...state[other], items: without(state[other].items) },
  } as Partial<SidebarState>);
}

function removeItem(id: string) {
  set({
    active: { ...state.active, items: state.active.items.filter((c) => c.id !== id) },
    archived: { ...state.archived, items: state.archived.items.filter((c) => c.id !== id) },
  });
}

function notify(key: NoticeKey, undo?: () => void) {
  noticeSeq++;
  set({ notice: { id: noticeSeq, key, undo } });
}

/** The server's sentence when it gave one (already readable), else the notice for `key`. */
function notifyError(error: unknown, key: NoticeKey) {
  noticeSeq++;
  const text = error instanceof Error && error.message ? error.message : undefined;
  set({ notice: { id: noticeSeq, key, text } });
}

export function dismissNotice(id: number): void {
  if (state.notice?.id === id) set({ notice: null });
}

/** Re-reads the first page (a new conversation appears at the top at once) and keeps later pages. */
export async function refreshConversations(): Promise<void> {
  inflight ??= api
    .fetchConversationPage(false, null)
    .then((page) => {
      const known = new Set(state.active.items.map((c) => c.id));
      const fresh = new Set(page.conversations.map((c) => c.id));
      const last = page.conversations.at(-1);
      const hadMore = state.active.items.length > page.conversations.length;
      const tail =
        hadMore && last && page.nextCursor
          ? state.active.items.filter((c) => !fresh.has(c.id) && compareConversations(c, last) > 0)
          : [];
      setList('active', {
        items: [...page.conversations, ...tail],
        nextCursor: hadMore && tail.length > 0 ? state.active.nextCursor : page.nextCursor,
        loaded: true,
        error: null,
      });
      // A conversation that just appeared with its provisional title: GLM is about to name it.
      for (const c of page.conversations) {
        if (!known.has(c.id) && c.titleSource === 'auto') watchTitle(c.id);
      }
    })
    .catch(() => {
      // Offline or restarting: keep the list we have.
    })
    .finally(() => {
      inflight = null;
    });
  return inflight;
}

/** Reads the next page of a list (the first one for a list never opened). */
export async function loadMore(view: View): Promise<void> {
  const list = state[view];
  if (list.loading || (list.loaded && list.nextCursor === null)) return;
  setList(view, { loading: true, error: null });
  try {
    const page = await api.fetchConversationPage(view === 'archived', list.loaded ? list.nextCursor : null);
    const current = state[view];
    const seen = new Set(current.items.map((c) => c.id));
    setList(view, {
      items: [
        ...(list.loaded ? current.items : []),
        ...page.conversations.filter((c) => !seen.has(c.id) || !list.loaded),
      ],
      nextCursor: page.nextCursor,
      loading: false,
      loaded: true,
    });
  } catch (error) {
    setList(view, {
      loading: false,
      error: error instanceof Error && error.message ? error.message : LOAD_FAILED,
    });
  }
}

/** Shows GLM's title as it is written; a rename made here in the meantime wins. */
export function watchTitle(id: string): void {
  if (followed.has(id)) return;
  followed.add(id);
  void api
    .followTitle(id, (event) => {
      if (renamedHere.has(id)) return;
      if (event.type === 'delta') {
        const sofar = (state.streamingTitles[id] ?? '') + event.text;
        set({ streamingTitles: { ...state.streamingTitles, [id]: sofar } });
        return;
      }
      const { [id]: _done, ...rest } = state.streamingTitles;
      set({ streamingTitles: rest });
      const found = findItem(id);
      if (found && event.title) upsert({ ...found.item, title: event.title, titleSource: 'generated' });
    })
    .catch(() => {
      const { [id]: _gone, ...rest } = state.streamingTitles;
      set({ streamingTitles: rest });
    });
}

export async function renameConversation(id: string, title: string): Promise<void> {
  const found = findItem(id);
  if (!found) return;
  const before = found.item;
  renamedHere.add(id);
  const { [id]: _streaming, ...rest } = state.streamingTitles;
  set({ streamingTitles: rest });
  upsert({ ...before, title, titleSource: 'user' });
  try {
    upsert(await api.patchConversation(id, { title }));
  } catch (error) {
    upsert(before);
    notifyError(error, 'renameFailed');
  }
}

export async function setPinned(id: string, pinned: boolean): Promise<void> {
  const found = findItem(id);
  if (!found) return;
  upsert({ ...found.item, pinned });
  try {
    upsert(await api.patchConversation(id, { pinned }));
  } catch (error) {
    upsert(found.item);
    notifyError(error, 'changeFailed');
  }
}

export async function setArchived(id: string, archived: boolean): Promise<void> {
  const found = findItem(id);
  if (!found) return;
  upsert({ ...found.item, archived });
  try {
    upsert(await api.patchConversation(id, { archived }));
    notify(archived ? 'archived' : 'unarchived', () => {
      void setArchived(id, !archived);
    });
  } catch (error) {
    upsert(found.item);
    notifyError(error, 'changeFailed');
  }
}

/** Deletes at once (the server keeps it restorable for a while) and offers Undo. */
export async function removeConversation(id: string): Promise<boolean> {
  const found = findItem(id);
  if (!found) return false;
  removeItem(id);
  try {
    await api.deleteConversation(id);
  } catch (error) {
    upsert(found.item);
    notifyError(error, 'deleteFailed');
    return false;
  }
  notify('deleted', () => {
    void api
      .restoreConversation(id)
      .then((conversation) => {
        upsert(conversation);
        notify('restored');
      })
      .catch((error: unknown) => {
        notifyError(error, 'restoreFailed');
      });
  });
  return true;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The whole sidebar state. The server render (and hydration) use `initial`, the first page the
 * layout read; in the browser the store is seeded with it once and lives on across navigations.
 */
export function useSidebarState(initial: ConversationSummary[], initialCursor: string | null): SidebarState {
  if (typeof window !== 'undefined') seedConversations(initial, initialCursor);
  const serverState = useMemo<SidebarState>(
    () => ({
      active: { ...emptyList(), items: initial, nextCursor: initialCursor, loaded: true },
      archived: emptyList(),
      streamingTitles: {},
      notice: null,
    }),
    [initial, initialCursor],
  );
  return useSyncExternalStore(
    subscribe,
    () => state,
    () => serverState,
  );
}

/** The (not archived) conversations loaded so far; before the store is seeded, `initial`. */
export function useConversations(initial: ConversationSummary[]): ConversationSummary[] {
  return useSyncExternalStore(
    subscribe,
    () => (seeded ? state.active.items : initial),
    () => initial,
  );
}
