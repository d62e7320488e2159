'use client';

import { useTranslations } from 'next-intl';
import { type ReactNode, useEffect, useState } from 'react';
import type { PresetJson } from '@/lib/chat/presets';
import type { ModelSettings } from '@/lib/chat/settings';
import { settingsApi } from './api';
import { inputClass } from './field';

/** One of the presets' actions: a small button, disabled while another one runs. */
function PresetButton({
  disabled,
  onClick,
  children,
}: {
  disabled: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className="rounded-md border px-2.5 py-1 text-xs font-medium hover:bg-accent disabled:pointer-events-none disabled:opacity-50"
      disabled={disabled}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

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
  /** Runs `work` on the selected preset; it says in words what it did. */
  const onSelected = (work: (selectedPreset: PresetJson) => Promise<string>) => () => {
    if (preset) void act(() => work(preset));
  };

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
        <PresetButton
          disabled={busy || !preset}
          onClick={onSelected(async (p) => {
            await onApply(p.settings);
            return t('presetApplied', { name: p.name });
          })}
        >
          {t('applyPreset')}
        </PresetButton>
        <PresetButton
          disabled={busy || !preset || preset.isDefault}
          onClick={onSelected(async (p) => {
            await settingsApi.updatePreset(p.id, { isDefault: true });
            await reload(p.id);
            return t('presetMadeDefault', { name: p.name });
          })}
        >
          {t('setDefault')}
        </PresetButton>
        <PresetButton
          disabled={busy || !preset}
          onClick={onSelected(async (p) => {
            await settingsApi.deletePreset(p.id);
            await reload();
            return t('presetDeleted', { name: p.name });
          })}
        >
          {t('deletePreset')}
        </PresetButton>
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
        <PresetButton
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
        </PresetButton>
        <PresetButton
          disabled={busy || !preset || name.trim() === ''}
          onClick={onSelected(async (p) => {
            const { preset: renamed } = await settingsApi.updatePreset(p.id, { name: name.trim() });
            await reload(renamed.id);
            setName('');
            return t('presetRenamed', { name: renamed.name });
          })}
        >
          {t('renamePreset')}
        </PresetButton>
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
