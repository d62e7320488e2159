import type { Db } from '@/db/client';
import { getConversation, updateConversationSettings } from '@/db/queries/conversations';
import { getModelDefaults } from '@/db/queries/model-settings';
import { DEFAULT_MODEL_SETTINGS, type ModelSettings, readStoredSettings } from './settings';

/** The key of `conversations.settings` that holds the model settings (`tools` holds the tool switches). */
export const MODEL_SETTINGS_KEY = 'model';

/** What a new conversation of this user starts from: their saved defaults, else the app's. */
export function userDefaultSettings(db: Db, ownerId: string): ModelSettings {
  return readStoredSettings(getModelDefaults(db, ownerId), DEFAULT_MODEL_SETTINGS);
}

/** A conversation's model settings; a conversation that has none yet has the user's defaults. */
export function conversationSettings(db: Db, ownerId: string, conversationId: string): ModelSettings {
  const stored = getConversation(db, ownerId, conversationId)?.settings[MODEL_SETTINGS_KEY];
  const defaults = userDefaultSettings(db, ownerId);
  return stored ? readStoredSettings(stored, defaults) : defaults;
}

/** Keeps a conversation's model settings (beside its tool switches). */
export function saveConversationSettings(
  db: Db,
  ownerId: string,
  conversationId: string,
  settings: ModelSettings,
): void {
  updateConversationSettings(db, ownerId, conversationId, { [MODEL_SETTINGS_KEY]: settings });
}
