import type { ConversationSummary } from '@/db/queries/conversations';
import type { SearchFilters, SearchPage } from '@/db/queries/search';

export interface ListPage {
  conversations: ConversationSummary[];
  nextCursor: string | null;
}

/** Reads our routes' `{ error: { message } }`, so the user sees the server's sentence. */
async function failure(response: Response): Promise<Error> {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    return new Error(body.error?.message ?? `Request failed (${response.status})`);
  } catch {
    return new Error(`Request failed (${response.status})`);
  }
}

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

export async function fetchConversationPage(archived: boolean, cursor: string | null): Promise<ListPage> {
  const params = new URLSearchParams();
  if (archived) params.set('archived', '1');
  if (cursor) params.set('cursor', cursor);
  return json(await fetch(`/api/conversations?${params}`, { cache: 'no-store' }));
}

export async function patchConversation(
  id: string,
  changes: { title?: string; pinned?: boolean; archived?: boolean },
): Promise<ConversationSummary> {
  const body = await json<{ conversation: ConversationSummary }>(
    await fetch(`/api/conversations/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(changes),
    }),
  );
  return body.conversation;
}

export async function deleteConversation(id: string): Promise<void> {
  await json(await fetch(`/api/conversations/${encodeURIComponent(id)}`, { method: 'DELETE' }));
}

export async function restoreConversation(id: string): Promise<ConversationSummary> {
  const body = await json<{ conversation: ConversationSummary }>(
    await fetch(`/api/conversations/${encodeURIComponent(id)}/restore`, { method: 'POST' }),
  );
  return body.conversation;
}

export async function searchConversations(
  q: string,
  filters: SearchFilters,
  cursor: number | null,
  signal: AbortSignal,
): Promise<SearchPage> {
  const params = new URLSearchParams({ q });
  if (filters.pinned) params.set('pinned', '1');
  if (filters.archived) params.set('archived', '1');
  if (filters.shared) params.set('shared', '1');
  if (cursor) params.set('cursor', String(cursor));
  return json(await fetch(`/api/search?${params}`, { cache: 'no-store', signal }));
}

export type TitleEvent = { type: 'delta'; text: string } | { type: 'done'; title: string };

/** Follows GLM writing a conversation's title (server-sent events), calling `onEvent` for each. */
export async function followTitle(id: string, onEvent: (event: TitleEvent) => void): Promise<void> {
  const response = await fetch(`/api/conversations/${encodeURIComponent(id)}/title`, { cache: 'no-store' });
  if (!response.ok || !response.body) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += value;
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (frame.startsWith('data: ')) onEvent(JSON.parse(frame.slice(6)) as TitleEvent);
      end = buffer.indexOf('\n\n');
    }
  }
}
