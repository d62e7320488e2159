'use client';

import { SlidersHorizontal, X } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import {
  DEFAULT_MODEL_SETTINGS,
  MAX_COMPLETION_TOKENS,
  type ModelSettings,
  type SettingField,
} from '@/lib/chat/settings';
import { settingsApi } from './api';
import { Check, Field, type FieldControlProps, inputClass } from './field';
import { PresetsSection } from './presets-section';
import { fromDraft, type SettingsDraft, toDraft } from './settings-draft';

const button =
  'rounded-lg border px-3 py-1.5 text-sm font-medium hover:bg-accent disabled:pointer-events-none disabled:opacity-50';
const primary =
  'rounded-lg bg-primary px-3 py-1.5 text-sm font-medium text-primary-foreground hover:opacity-90 disabled:opacity-50';

export interface ToolChoiceOption {
  id: string;
  label: string;
}

/**
 * The "Model settings" button and its dialog: every model parameter of this conversation, checked by
 * the same zod schema as the server (an error is shown beside its field), presets, "Reset to
 * defaults" and "Save as my defaults".
 */
export function ModelSettingsDialog({
  settings,
  onSave,
  tools,
}: {
  settings: ModelSettings;
  /** Applies settings to this conversation (kept on the server once the conversation exists). */
  onSave: (settings: ModelSettings) => Promise<void>;
  /** The switched-on tools, for "tool choice: this tool". */
  tools: ToolChoiceOption[];
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState<SettingsDraft>(() => toDraft(settings));
  const [errors, setErrors] = useState<Partial<Record<SettingField | 'settings', string>>>({});
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  const [failure, setFailure] = useState('');
  // The dialog is a form of its own: portalled to <body>, out of the composer's form (forms do not
  // nest, and Enter in one of its fields must not send the message).
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);

  const set = <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));

  /** The draft as valid settings, or undefined with every error shown beside its field. */
  const validated = useCallback((): ModelSettings | undefined => {
    const result = fromDraft(draft);
    if (result.ok) {
      setErrors({});
      return result.settings;
    }
    const next: Partial<Record<SettingField | 'settings', string>> = {};
    for (const issue of result.issues) next[issue.field] ??= issue.message;
    setErrors(next);
    const first = result.issues[0]?.field;
    if (first) dialog.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
    return undefined;
  }, [draft]);

  const act = async (work: () => Promise<string>) => {
    setBusy(true);
    setNotice('');
    setFailure('');
    try {
      setNotice(await work());
    } catch (error) {
      setFailure(error instanceof Error ? error.message : 'Something went wrong.');
    } finally {
      setBusy(false);
    }
  };

  const open = () => {
    setDraft(toDraft(settings));
    setErrors({});
    setNotice('');
    setFailure('');
    dialog.current?.showModal();
  };

  const save = () => {
    const next = validated();
    if (!next) return;
    void act(async () => {
      await onSave(next);
      dialog.current?.close();
      return '';
    });
  };

  const saveAsDefaults = () => {
    const next = validated();
    if (!next) return;
    void act(async () => {
      await settingsApi.saveDefaults(next);
      return 'Saved as your defaults: new conversations start from these settings.';
    });
  };

  const applyPreset = async (preset: ModelSettings) => {
    setDraft(toDraft(preset));
    setErrors({});
    await onSave(preset);
  };

  const err = (field: SettingField) => errors[field];
  const numberInput =
    (key: keyof SettingsDraft, field: SettingField, props: { placeholder?: string }) =>
    (control: FieldControlProps) => (
      <input
        {...control}
        data-field={field}
        type="text"
        inputMode="decimal"
        value={String(draft[key])}
        placeholder={props.placeholder}
        onChange={(e) => set(key, e.target.value as never)}
        className={inputClass}
      />
    );

  return (
    <>
      <button
        type="button"
        aria-label="Model settings"
        title="Model settings"
        onClick={open}
        className="flex items-center gap-1 rounded-full border px-2.5 py-1 text-xs text-muted-foreground hover:text-foreground"
      >
        <SlidersHorizontal className="size-3.5" aria-hidden />
        <span className="hidden sm:inline">Settings</span>
      </button>
      {mounted &&
        createPortal(
          <dialog
            ref={dialog}
            aria-labelledby="model-settings-title"
            className="m-auto max-h-[calc(100dvh-1rem)] w-[min(40rem,calc(100vw-1rem))] rounded-xl border bg-background p-0 text-foreground shadow-xl backdrop:bg-black/40"
          >
            <form
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                save();
              }}
              className="flex max-h-[calc(100dvh-1rem)] flex-col"
            >
              <div className="flex items-center justify-between border-b px-4 py-3">
                <h2 id="model-settings-title" className="font-semibold">
                  Model settings
                </h2>
                <button
                  type="button"
                  aria-label="Close"
                  onClick={() => dialog.current?.close()}
                  className="rounded-md p-1.5 text-muted-foreground hover:bg-accent hover:text-foreground"
                >
                  <X className="size-4" aria-hidden />
                </button>
              </div>

              <div className="flex min-h-0 flex-1 flex-col gap-5 overflow-y-auto px-4 py-4">
                <PresetsSection current={validated} onApply={applyPreset} />

                <Field id="ms-system" label="System prompt" error={err('systemPrompt')}>
                  {(control) => (
                    <textarea
                      {...control}
                      data-field="systemPrompt"
                      rows={3}
                      dir="auto"
                      value={draft.systemPrompt}
                      onChange={(e) => set('systemPrompt', e.target.value)}
                      className={inputClass}
                    />
                  )}
                </Field>

                <fieldset className="grid grid-cols-1 gap-3 sm:grid-cols-2">
                  <legend className="mb-2 text-sm font-semibold">Sampling</legend>
                  <Field
                    id="ms-temperature"
                    label="Temperature"
                    hint="0–2, default 1.0"
                    error={err('temperature')}
                  >
                    {numberInput('temperature', 'temperature', {})}
                  </Field>
                  <Field id="ms-top-p" label="Top P" hint="0–1, default 0.95" error={err('topP')}>
                    {numberInput('topP', 'topP', {})}
                  </Field>
                  <Field
                    id="ms-max-tokens"
                    label="Max completion tokens"
                    hint={`1–${MAX_COMPLETION_TOKENS.toLocaleString('en')}; empty: the backend's limit`}
                    error={err('maxCompletionTokens')}
                  >
                    {numberInput('maxCompletionTokens', 'maxCompletionTokens', {
                      placeholder: 'default',
                    })}
                  </Field>
                  <Field id="ms-seed" label="Seed" hint="A whole number; empty: random" error={err('seed')}>
                    {numberInput('seed', 'seed', { placeholder: 'random' })}
                  </Field>
                  <Field
                    id="ms-frequency"
                    label="Frequency penalty"
                    hint="−2 to 2; empty: 0"
                    error={err('frequencyPenalty')}
                  >
                    {numberInput('frequencyPenalty', 'frequencyPenalty', { placeholder: '0' })}
                  </Field>
                  <Field
                    id="ms-presence"
                    label="Presence penalty"
                    hint="−2 to 2; empty: 0"
                    error={err('presencePenalty')}
                  >
                    {numberInput('presencePenalty', 'presencePenalty', { placeholder: '0' })}
                  </Field>
                  <div className="sm:col-span-2">
                    <Field
                      id="ms-stop"
                      label="Stop sequences"
                      hint="One per line, up to 4"
                      error={err('stop')}
                    >
                      {(control) => (
                        <textarea
                          {...control}
                          data-field="stop"
                          rows={2}
                          value={draft.stop}
                          onChange={(e) => set('stop', e.target.value)}
                          className={inputClass}
                        />
                      )}
                    </Field>
                  </div>
                </fieldset>

                <fieldset className="grid grid-cols-1 gap-3 sm:grid-cols-2">
                  <legend className="mb-2 text-sm font-semibold">Thinking</legend>
                  <Check
                    id="ms-thinking"
                    label="Think before answering"
                    checked={draft.thinking}
                    onChange={(v) => set('thinking', v)}
                  />
                  <Field
                    id="ms-effort"
                    label="Reasoning effort"
                    hint="Where the backend takes it"
                    error={err('reasoningEffort')}
                  >
                    {(control) => (
                      <select
                        {...control}
                        data-field="reasoningEffort"
                        value={draft.reasoningEffort}
                        onChange={(e) =>
                          set('reasoningEffort', e.target.value as SettingsDraft['reasoningEffort'])
                        }
                        className={inputClass}
                      >
                        <option value="">Default</option>
                        <option value="low">Low</option>
                        <option value="medium">Medium</option>
                        <option value="high">High</option>
                      </select>
                    )}
                  </Field>
                </fieldset>

                <fieldset className="flex flex-col gap-3">
                  <legend className="mb-2 text-sm font-semibold">Answer</legend>
                  <Field id="ms-format" label="Response format" error={err('responseFormat')}>
                    {(control) => (
                      <select
                        {...control}
                        data-field="responseFormat"
                        value={draft.responseType}
                        onChange={(e) => set('responseType', e.target.value as SettingsDraft['responseType'])}
                        className={inputClass}
                      >
                        <option value="text">Text</option>
                        <option value="json_object">JSON object</option>
                        <option value="json_schema">JSON schema</option>
                      </select>
                    )}
                  </Field>
                  {draft.responseType === 'json_schema' && (
                    <div className="flex flex-col gap-3 rounded-lg border p-3">
                      <Field id="ms-schema-name" label="Schema name" hint="Letters, digits, _ or -">
                        {(control) => (
                          <input
                            {...control}
                            value={draft.schemaName}
                            onChange={(e) => set('schemaName', e.target.value)}
                            className={inputClass}
                          />
                        )}
                      </Field>
                      <Field id="ms-schema" label="JSON Schema" hint="Checked against JSON Schema draft-07">
                        {(control) => (
                          <textarea
                            {...control}
                            aria-invalid={Boolean(err('responseFormat'))}
                            aria-describedby={
                              err('responseFormat') ? 'ms-format-error' : control['aria-describedby']
                            }
                            rows={8}
                            spellCheck={false}
                            value={draft.schema}
                            onChange={(e) => set('schema', e.target.value)}
                            className={`${inputClass} font-mono text-xs`}
                          />
                        )}
                      </Field>
                      <Check
                        id="ms-strict"
                        label="Strict"
                        checked={draft.strict}
                        onChange={(v) => set('strict', v)}
                      />
                    </div>
                  )}
                  <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
                    <Field
                      id="ms-n"
                      label="Choices (n)"
                      hint="1–8: each extra choice is another version"
                      error={err('n')}
                    >
                      {numberInput('n', 'n', {})}
                    </Field>
                    <div className="flex flex-col gap-2">
                      <Check
                        id="ms-logprobs"
                        label="Log probabilities"
                        checked={draft.logprobs}
                        onChange={(v) => set('logprobs', v)}
                      />
                      <Field
                        id="ms-top-logprobs"
                        label="Top logprobs"
                        hint="0–20 alternatives per token"
                        error={err('topLogprobs')}
                      >
                        {numberInput('topLogprobs', 'topLogprobs', {})}
                      </Field>
                    </div>
                  </div>
                  <Field
                    id="ms-logit-bias"
                    label="Logit bias"
                    hint='JSON: {"token id": −100…100}'
                    error={err('logitBias')}
                  >
                    {(control) => (
                      <textarea
                        {...control}
                        data-field="logitBias"
                        rows={2}
                        spellCheck={false}
                        placeholder='{"1234": -100}'
                        value={draft.logitBias}
                        onChange={(e) => set('logitBias', e.target.value)}
                        className={`${inputClass} font-mono text-xs`}
                      />
                    )}
                  </Field>
                </fieldset>

                <fieldset className="grid grid-cols-1 gap-3 sm:grid-cols-2">
                  <legend className="mb-2 text-sm font-semibold">Tools</legend>
                  <Field id="ms-tool-choice" label="Tool choice" error={err('toolChoice')}>
                    {(control) => (
                      <select
                        {...control}
                        data-field="toolChoice"
                        value={draft.toolChoice}
                        onChange={(e) => set('toolChoice', e.target.value)}
                        className={inputClass}
                      >
                        <option value="auto">Auto</option>
                        <option value="none">None</option>
                        <option value="required">Required</option>
                        {tools.map((tool) => (
                          <option key={tool.id} value={`tool:${tool.id}`}>
                            Only {tool.label}
                          </option>
                        ))}
                        {draft.toolChoice.startsWith('tool:') &&
                          !tools.some((t) => `tool:${t.id}` === draft.toolChoice) && (
                            <option value={draft.toolChoice}>Only {draft.toolChoice.slice(5)}</option>
                          )}
                      </select>
                    )}
                  </Field>
                  <Check
                    id="ms-parallel"
                    label="Parallel tool calls"
                    checked={draft.parallelToolCalls}
                    onChange={(v) => set('parallelToolCalls', v)}
                  />
                </fieldset>
              </div>

              <div className="flex flex-wrap items-center gap-2 border-t px-4 py-3">
                <p aria-live="polite" className="w-full text-sm">
                  {failure ? (
                    <span role="alert" className="text-destructive">
                      {failure}
                    </span>
                  ) : (
                    notice
                  )}
                </p>
                <button
                  type="button"
                  className={button}
                  disabled={busy}
                  onClick={() => {
                    setDraft(toDraft(DEFAULT_MODEL_SETTINGS));
                    setErrors({});
                    setNotice('The app defaults are in the form: Save to use them.');
                  }}
                >
                  Reset to defaults
                </button>
                <button type="button" className={button} disabled={busy} onClick={saveAsDefaults}>
                  Save as my defaults
                </button>
                <span className="ms-auto" />
                <button type="submit" className={primary} disabled={busy}>
                  Save
                </button>
              </div>
            </form>
          </dialog>,
          document.body,
        )}
    </>
  );
}
