import { getDb } from '@/db/client';
import { deletePreset, updatePreset } from '@/db/queries/model-settings';
import { presetIdSchema, presetJson, updatePresetSchema } from '@/lib/chat/presets';
import { NotFoundError } from '@/lib/errors';
import { readJson } from '@/lib/http/body';
import { otherMethods, ownerRoute } from '@/lib/http/route';

const MAX_BYTES = 64_000;

function presetId(raw: string): string {
  const parsed = presetIdSchema.safeParse(raw);
  if (!parsed.success) throw new NotFoundError('Preset not found');
  return parsed.data;
}

/** Rename, replace its settings, or make it the default (new conversations start from it). */
export const PATCH = ownerRoute<{ id: string }>(
  async ({ request, ownerId, params }) => {
    const id = presetId(params.id);
    const patch = await readJson(request, updatePresetSchema, MAX_BYTES);
    return Response.json({ preset: presetJson(updatePreset(getDb(), ownerId, id, patch)) });
  },
  { maxBodyBytes: MAX_BYTES },
);

export const DELETE = ownerRoute<{ id: string }>(async ({ ownerId, params }) => {
  deletePreset(getDb(), ownerId, presetId(params.id));
  return Response.json({ deleted: true });
});

export const { GET, POST, PUT } = otherMethods(['PATCH', 'DELETE']);
