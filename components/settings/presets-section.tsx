'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import type { PresetJson } from '@/lib/chat/presets';
import type { ModelSettings } from '@/lib/chat/settings';
import { settingsApi } from './api';
import { inputClass } from './field';

const small =
  'rounded-md border px-2.5 py-1 text-xs font-medium hover:bg-accent disabled:pointer-events-none disabled:opacity-50';

/**
 * Presets: save the form's settings under a name, apply one to this conversation, make one the
 * default (new conversations start from it), rename, delete.
 */
export function PresetsSection({
  current,
  onApply,
}: {
  /** The form's settings, or undefined when the form has errors (they are then shown). */
  current: () => ModelSettings | undefined;
  onApply: (settings: ModelSettings) => Promise<void>;
}) {
  const t = useTranslations('modelSettings');
  const [presets, setPresets] = useState<PresetJson[]>([]);
  const [selected, setSelected] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const reload = async (select?: string) => {
    const { presets: list } = await settingsApi.presets();
    setPresets(list);
    setSelected(
      (previous) => select ?? (list.some((p) => p.id === previous) ? previous : (list[0]?.id ?? '')),
    );
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: load once when the dialog's content mounts
  useEffect(() => {
    reload().catch(() => setMessage({ text: t('presetsFailed'), error: true }));
  }, []);

  const act = async (work: () => Promise<string>) => {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ text: await work(), error: false });
    } catch (error) {
      setMessage({ text: error instanceof Error ? error.message : t('genericError'), error: true });
    } finally {
      setBusy(false);
    }
  };

  const preset = presets.find((p) => p.id === selected);

  return (
    <section aria-labelledby="presets-title" className="flex flex-col gap-2 rounded-lg border p-3">
      <h3 id="presets-title" className="text-sm font-semibold">
        {t('presets')}
      </h3>
      <div className="flex flex-wrap items-center gap-2">
        <select
          aria-label={t('preset')}
          value={selected}
          onChange={(e) => setSelected(e.target.value)}
          className={`${inputClass} w-auto min-w-40 flex-1`}
        >
          {presets.length === 0 && <option value="">{t('noPresets')}</option>}
          {presets.map((p) => (
            <option key={p.id} value={p.id}>
              {p.isDefault ? t('presetDefault', { name: p.name }) : p.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className={small}
          disabled={busy || !preset}
          onClick={() =>
            preset &&
            void act(async () => {
              await onApply(preset.settings);
              return t('presetApplied', { name: preset.name });
            })
          }
        >
          {t('applyPreset')}
        </button>
        <button
          type="button"
          className={small}
          disabled={busy || !preset || preset.isDefault}
          onClick={() =>
            preset &&
            void act(async () => {
              await settingsApi.updatePreset(preset.id, { isDefault: true });
              await reload(preset.id);
              return t('presetMadeDefault', { name: preset.name });
            })
          }
        >
          {t('setDefault')}
        </button>
        <button
          type="button"
          className={small}
          disabled={busy || !preset}
          onClick={() =>
            preset &&
            void act(async () => {
              await settingsApi.deletePreset(preset.id);
              await reload();
              return t('presetDeleted', { name: preset.name });
            })
          }
        >
          {t('deletePreset')}
        </button>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <input
          aria-label={t('presetName')}
          placeholder={t('presetName')}
          value={name}
          maxLength={60}
          onChange={(e) => setName(e.target.value)}
          className={`${inputClass} w-auto min-w-40 flex-1`}
        />
        <button
          type="button"
          className={small}
          disabled={busy || name.trim() === ''}
          onClick={() => {
            const settings = current();
            if (!settings) {
              setMessage({ text: t('fixFirst'), error: true });
              return;
            }
            void act(async () => {
              const { preset: created } = await settingsApi.createPreset(name.trim(), settings);
              await reload(created.id);
              setName('');
              return t('presetSaved', { name: created.name });
            });
          }}
        >
          {t('savePreset')}
        </button>
        <button
          type="button"
          className={small}
          disabled={busy || !preset || name.trim() === ''}
          onClick={() =>
            preset &&
            void act(async () => {
              const { preset: renamed } = await settingsApi.updatePreset(preset.id, { name: name.trim() });
              await reload(renamed.id);
              setName('');
              return t('presetRenamed', { name: renamed.name });
            })
          }
        >
          {t('renamePreset')}
        </button>
      </div>
      {message && (
        <p
          role={message.error ? 'alert' : 'status'}
          className={message.error ? 'text-xs text-destructive' : 'text-xs'}
        >
          {message.text}
        </p>
      )}
    </section>
  );
}
