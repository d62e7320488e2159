import { z } from 'zod';
import { getDb } from '@/db/client';
import { saveModelDefaults } from '@/db/queries/model-settings';
import { userDefaultSettings } from '@/lib/chat/conversation-settings';
import { DEFAULT_MODEL_SETTINGS, modelSettingsSchema } from '@/lib/chat/settings';
import { readJson } from '@/lib/http/body';
import { otherMethods, ownerRoute } from '@/lib/http/route';

const MAX_BYTES = 64_000;
const bodySchema = z.object({ settings: modelSettingsSchema }).strict();

/** The caller's default model settings, and the app's (for "Reset to defaults"). */
export const GET = ownerRoute(async ({ ownerId }) =>
  Response.json({ settings: userDefaultSettings(getDb(), ownerId), appDefaults: DEFAULT_MODEL_SETTINGS }),
);

/** "Save as my defaults": new conversations start from these. */
export const PUT = ownerRoute(
  async ({ request, ownerId }) => {
    const { settings } = await readJson(request, bodySchema, MAX_BYTES);
    saveModelDefaults(getDb(), ownerId, settings);
    return Response.json({ settings });
  },
  { maxBodyBytes: MAX_BYTES },
);

export const { POST, PATCH, DELETE } = otherMethods(['GET', 'PUT']);
