import type { PresetJson } from '@/lib/chat/presets';
import type { ModelSettings } from '@/lib/chat/settings';

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, {
    ...init,
    headers: init?.body ? { 'content-type': 'application/json' } : undefined,
    cache: 'no-store',
  });
  const body = (await response.json().catch(() => ({}))) as T & { error?: { message?: string } };
  if (!response.ok) throw new Error(body.error?.message ?? `Request failed (${response.status})`);
  return body;
}

const json = (method: string, value: unknown): RequestInit => ({ method, body: JSON.stringify(value) });

/** The settings and presets endpoints, as the settings panel uses them. */
export const settingsApi = {
  saveConversation: (conversationId: string, settings: ModelSettings) =>
    call<{ settings: ModelSettings }>(
      `/api/conversations/${conversationId}/settings`,
      json('PUT', { settings }),
    ),
  saveDefaults: (settings: ModelSettings) =>
    call<{ settings: ModelSettings }>('/api/settings/defaults', json('PUT', { settings })),
  presets: () => call<{ presets: PresetJson[] }>('/api/presets'),
  createPreset: (name: string, settings: ModelSettings) =>
    call<{ preset: PresetJson }>('/api/presets', json('POST', { name, settings })),
  updatePreset: (id: string, patch: { name?: string; isDefault?: true }) =>
    call<{ preset: PresetJson }>(`/api/presets/${id}`, json('PATCH', patch)),
  deletePreset: (id: string) => call<{ deleted: boolean }>(`/api/presets/${id}`, { method: 'DELETE' }),
};
