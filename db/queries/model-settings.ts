import { randomBytes } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { ConflictError, NotFoundError } from '@/lib/errors';
import type { Db } from '../client';
import { prepared } from '../prepared';
import { type ModelPresetRow, modelDefaults, modelPresets } from '../schema';

/** A user's default model settings as stored (undefined: none saved, the app defaults apply). */
export function getModelDefaults(db: Db, ownerId: string): Record<string, unknown> | undefined {
  return prepared(db, 'getModelDefaults', (d) =>
    d
      .select({ settings: modelDefaults.settings })
      .from(modelDefaults)
      .where(eq(modelDefaults.ownerId, sql.placeholder('ownerId')))
      .prepare(),
  ).get({ ownerId })?.settings;
}

/** "Save as my defaults": replaces the user's defaults; no preset is the default any more. */
export function saveModelDefaults(db: Db, ownerId: string, settings: Record<string, unknown>): void {
  db.transaction((tx) => {
    upsertDefaults(tx as unknown as Db, ownerId, settings);
    tx.update(modelPresets).set({ isDefault: false }).where(eq(modelPresets.ownerId, ownerId)).run();
  });
}

function upsertDefaults(db: Db, ownerId: string, settings: Record<string, unknown>): void {
  const now = Date.now();
  db.insert(modelDefaults)
    .values({ ownerId, settings, updatedAt: now })
    .onConflictDoUpdate({ target: modelDefaults.ownerId, set: { settings, updatedAt: now } })
    .run();
}

export function listPresets(db: Db, ownerId: string): ModelPresetRow[] {
  return db
    .select()
    .from(modelPresets)
    .where(eq(modelPresets.ownerId, ownerId))
    .orderBy(asc(modelPresets.name))
    .all();
}

export function getPreset(db: Db, ownerId: string, id: string): ModelPresetRow | undefined {
  return db
    .select()
    .from(modelPresets)
    .where(and(eq(modelPresets.id, id), eq(modelPresets.ownerId, ownerId)))
    .get();
}

function nameTaken(db: Db, ownerId: string, name: string, exceptId?: string): boolean {
  const row = db
    .select({ id: modelPresets.id })
    .from(modelPresets)
    .where(and(eq(modelPresets.ownerId, ownerId), eq(modelPresets.name, name)))
    .get();
  return row !== undefined && row.id !== exceptId;
}

export const MAX_PRESETS = 100;

export function createPreset(
  db: Db,
  ownerId: string,
  name: string,
  settings: Record<string, unknown>,
): ModelPresetRow {
  return db.transaction((tx) => {
    const txDb = tx as unknown as Db;
    if (nameTaken(txDb, ownerId, name)) throw new ConflictError(`A preset named "${name}" already exists.`);
    if (listPresets(txDb, ownerId).length >= MAX_PRESETS) {
      throw new ConflictError(`At most ${MAX_PRESETS} presets: delete one first.`);
    }
    const now = Date.now();
    return tx
      .insert(modelPresets)
      .values({
        id: `pre_${randomBytes(12).toString('base64url')}`,
        ownerId,
        name,
        settings,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
  });
}

export function updatePreset(
  db: Db,
  ownerId: string,
  id: string,
  patch: { name?: string; settings?: Record<string, unknown>; isDefault?: boolean },
): ModelPresetRow {
  return db.transaction((tx) => {
    const txDb = tx as unknown as Db;
    const preset = getPreset(txDb, ownerId, id);
    if (!preset) throw new NotFoundError('Preset not found');
    if (patch.name !== undefined && nameTaken(txDb, ownerId, patch.name, id)) {
      throw new ConflictError(`A preset named "${patch.name}" already exists.`);
    }
    const settings = patch.settings ?? preset.settings;
    if (patch.isDefault === true) {
      // One default: its settings become the user's defaults.
      tx.update(modelPresets).set({ isDefault: false }).where(eq(modelPresets.ownerId, ownerId)).run();
      upsertDefaults(txDb, ownerId, settings);
    } else if (preset.isDefault && patch.settings) {
      upsertDefaults(txDb, ownerId, settings);
    }
    return tx
      .update(modelPresets)
      .set({
        name: patch.name ?? preset.name,
        settings,
        isDefault: patch.isDefault ?? preset.isDefault,
        updatedAt: Date.now(),
      })
      .where(and(eq(modelPresets.id, id), eq(modelPresets.ownerId, ownerId)))
      .returning()
      .get();
  });
}

/** Deletes a preset. The user's defaults stay as they are (they are a copy). */
export function deletePreset(db: Db, ownerId: string, id: string): void {
  const result = db
    .delete(modelPresets)
    .where(and(eq(modelPresets.id, id), eq(modelPresets.ownerId, ownerId)))
    .run();
  if (result.changes === 0) throw new NotFoundError('Preset not found');
}
