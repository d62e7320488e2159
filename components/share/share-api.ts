import type { ShareOptions } from '@/db/schema';
import type { ShareJson } from '@/lib/share/http';

export type { ShareJson };

async function call<T>(url: string, init: RequestInit): Promise<T> {
  const response = await fetch(url, {
    ...init,
    headers: init.body ? { 'content-type': 'application/json' } : undefined,
  });
  const body = (await response.json().catch(() => ({}))) as T & { error?: { message?: string } };
  if (!response.ok) throw new Error(body.error?.message ?? `The server answered ${response.status}.`);
  return body;
}

export const shareApi = {
  current: (conversationId: string) =>
    call<{ share: ShareJson | null }>(`/api/conversations/${conversationId}/share`, { method: 'GET' }),
  create: (conversationId: string, options: ShareOptions) =>
    call<{ share: ShareJson }>(`/api/conversations/${conversationId}/share`, {
      method: 'POST',
      body: JSON.stringify(options),
    }),
  update: (id: string, options: ShareOptions) =>
    call<{ share: ShareJson }>(`/api/shares/${id}`, { method: 'PATCH', body: JSON.stringify(options) }),
  revoke: (id: string) => call<{ revoked: boolean }>(`/api/shares/${id}`, { method: 'DELETE' }),
};

/** A date and time in the reader's language and time zone (`never` when there is none). */
export function formatWhen(ms: number | null, locale: string, never: string): string {
  if (ms === null) return never;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}
