import { z } from 'zod';
import type { ModelPresetRow } from '@/db/schema';
import {
  DEFAULT_MODEL_SETTINGS,
  type ModelSettings,
  modelSettingsSchema,
  readStoredSettings,
} from './settings';

export const presetNameSchema = z
  .string()
  .trim()
  .min(1, 'Preset name must not be empty')
  .max(60, 'Preset name must be at most 60 characters');

export const createPresetSchema = z
  .object({ name: presetNameSchema, settings: modelSettingsSchema })
  .strict();

export const updatePresetSchema = z
  .object({
    name: presetNameSchema.optional(),
    settings: modelSettingsSchema.optional(),
    /** Only `true`: the default is changed by making another preset the default. */
    isDefault: z.literal(true).optional(),
  })
  .strict();

export interface PresetJson {
  id: string;
  name: string;
  settings: ModelSettings;
  isDefault: boolean;
}

export function presetJson(row: ModelPresetRow): PresetJson {
  return {
    id: row.id,
    name: row.name,
    settings: readStoredSettings(row.settings, DEFAULT_MODEL_SETTINGS),
    isDefault: row.isDefault,
  };
}

export const presetIdSchema = z.string().regex(/^pre_[A-Za-z0-9_-]{16}$/, 'a preset id');
