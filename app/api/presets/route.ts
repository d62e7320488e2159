import { getDb } from '@/db/client';
import { createPreset, listPresets } from '@/db/queries/model-settings';
import { createPresetSchema, presetJson } from '@/lib/chat/presets';
import { readJson } from '@/lib/http/body';
import { otherMethods, ownerRoute } from '@/lib/http/route';

const MAX_BYTES = 64_000;

/** The caller's presets, by name. */
export const GET = ownerRoute(async ({ ownerId }) =>
  Response.json({ presets: listPresets(getDb(), ownerId).map(presetJson) }),
);

/** Saves settings (system prompt included) under a name; 409 when the name is taken. */
export const POST = ownerRoute(
  async ({ request, ownerId }) => {
    const { name, settings } = await readJson(request, createPresetSchema, MAX_BYTES);
    const preset = createPreset(getDb(), ownerId, name, settings);
    return Response.json({ preset: presetJson(preset) }, { status: 201 });
  },
  { maxBodyBytes: MAX_BYTES },
);

export const { PUT, PATCH, DELETE } = otherMethods(['GET', 'POST']);
