'use client';

import { useSyncExternalStore } from 'react';
import type { ConversationSummary } from '@/db/queries/conversations';

/** The sidebar's list, shared by the sidebar and the chat (which refreshes it when a turn starts or ends). */
let conversations: ConversationSummary[] | null = null;
const listeners = new Set<() => void>();
let inflight: Promise<void> | null = null;

function emit() {
  for (const listener of listeners) listener();
}

export function seedConversations(initial: ConversationSummary[]): void {
  if (conversations === null) conversations = initial;
}

export async function refreshConversations(): Promise<void> {
  inflight ??= fetch('/api/conversations', { cache: 'no-store' })
    .then(async (response) => {
      if (!response.ok) return;
      const body = (await response.json()) as { conversations: ConversationSummary[] };
      conversations = body.conversations;
      emit();
    })
    .catch(() => {
      // Offline or restarting: keep the list we have.
    })
    .finally(() => {
      inflight = null;
    });
  return inflight;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useConversations(initial: ConversationSummary[]): ConversationSummary[] {
  return useSyncExternalStore(
    subscribe,
    () => conversations ?? initial,
    () => initial,
  );
}
