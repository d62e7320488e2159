'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { Dialog, DialogHeader } from '@/components/ui/dialog';
import {
  DEFAULT_MODEL_SETTINGS,
  MAX_COMPLETION_TOKENS,
  type ModelSettings,
  type SettingField,
  type SettingsIssue,
} from '@/lib/chat/settings';
import { settingsApi } from './api';
import { Check, Field, type FieldControlProps, inputClass } from './field';
import { SettingsTrigger } from './model-settings-button';
import { PresetsSection } from './presets-section';
import {
  BIAS_JSON,
  fromDraft,
  SCHEMA_INVALID,
  SCHEMA_JSON,
  type SettingsDraft,
  toDraft,
} from './settings-draft';

const button =
  'rounded-lg border px-3 py-1.5 text-sm font-medium hover:bg-accent disabled:pointer-events-none disabled:opacity-50';
const primary =
  'rounded-lg bg-primary px-3 py-1.5 text-sm font-medium text-primary-foreground hover:opacity-90 disabled:opacity-50';

type Translate = ReturnType<typeof useTranslations<'modelSettings'>>;

/** A schema issue in the reader's language (the schema's own messages are the server's, in English). */
function issueText(t: Translate, issue: SettingsIssue): string {
  const detail = (prefix: string) => issue.message.slice(prefix.length);
  switch (issue.field) {
    case 'systemPrompt':
      return t('errSystemPrompt');
    case 'temperature':
      return t('errTemperature');
    case 'topP':
      return t('errTopP');
    case 'maxCompletionTokens':
      return t('errMaxTokens', { max: MAX_COMPLETION_TOKENS.toLocaleString() });
    case 'frequencyPenalty':
      return t('errFrequencyPenalty');
    case 'presencePenalty':
      return t('errPresencePenalty');
    case 'seed':
      return t('errSeed');
    case 'stop':
      return t('errStop');
    case 'reasoningEffort':
      return t('errEffort');
    case 'toolChoice':
      return t('errToolChoice');
    case 'topLogprobs':
      return t('errTopLogprobs');
    case 'n':
      return t('errN');
    case 'responseFormat':
      if (issue.message.startsWith(SCHEMA_JSON)) return t('errSchemaJson', { detail: detail(SCHEMA_JSON) });
      if (issue.message.startsWith(SCHEMA_INVALID)) {
        return t('errSchemaInvalid', { detail: detail(SCHEMA_INVALID) });
      }
      if (issue.message.startsWith('Schema name')) return t('errSchemaName');
      if (issue.message.startsWith('Schema')) return t('errSchemaInvalid', { detail: issue.message });
      return t('errFormat');
    case 'logitBias':
      if (issue.message.startsWith(BIAS_JSON)) return t('errLogitBiasJson', { detail: detail(BIAS_JSON) });
      return t('errLogitBias');
    default:
      return `${t('errUnknown')}: ${issue.message}`;
  }
}

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
  openAtMount = false,
  focusAtMount = false,
}: {
  settings: ModelSettings;
  /** Applies settings to this conversation (kept on the server once the conversation exists). */
  onSave: (settings: ModelSettings) => Promise<void>;
  /** The switched-on tools, for "tool choice: this tool". */
  tools: ToolChoiceOption[];
  /** Loaded by a click on the button that stood in for this one (model-settings-button.tsx): open. */
  openAtMount?: boolean;
  /** The reader was on the button that stood in for this one: keep the keyboard there. */
  focusAtMount?: boolean;
}) {
  const t = useTranslations('modelSettings');
  const dialog = useRef<HTMLDialogElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
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
    for (const issue of result.issues) next[issue.field] ??= issueText(t, issue);
    setErrors(next);
    const first = result.issues[0]?.field;
    if (first) dialog.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
    return undefined;
  }, [draft, t]);

  const act = async (work: () => Promise<string>) => {
    setBusy(true);
    setNotice('');
    setFailure('');
    try {
      setNotice(await work());
    } catch (error) {
      setFailure(error instanceof Error ? error.message : t('genericError'));
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

  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the portal is first there
  useEffect(() => {
    if (!mounted) return;
    if (openAtMount || focusAtMount) trigger.current?.focus();
    if (openAtMount) open();
  }, [mounted]);

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
      return t('savedDefaults');
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
      <SettingsTrigger ref={trigger} onClick={open} />
      {mounted &&
        createPortal(
          <Dialog
            ref={dialog}
            titleId="model-settings-title"
            className="max-h-[calc(100dvh-1rem)] w-[min(40rem,calc(100vw-1rem))]"
          >
            <form
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                save();
              }}
              className="flex max-h-[calc(100dvh-1rem)] flex-col"
            >
              <DialogHeader titleId="model-settings-title" title={t('title')} closeLabel={t('close')} />

              <div className="flex min-h-0 flex-1 flex-col gap-5 overflow-y-auto px-4 py-4">
                <PresetsSection current={validated} onApply={applyPreset} />

                <Field id="ms-system" label={t('systemPrompt')} error={err('systemPrompt')}>
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
                  <legend className="mb-2 text-sm font-semibold">{t('sampling')}</legend>
                  <Field
                    id="ms-temperature"
                    label={t('temperature')}
                    hint={t('temperatureHint')}
                    error={err('temperature')}
                  >
                    {numberInput('temperature', 'temperature', {})}
                  </Field>
                  <Field id="ms-top-p" label={t('topP')} hint={t('topPHint')} error={err('topP')}>
                    {numberInput('topP', 'topP', {})}
                  </Field>
                  <Field
                    id="ms-max-tokens"
                    label={t('maxTokens')}
                    hint={t('maxTokensHint', { max: MAX_COMPLETION_TOKENS.toLocaleString() })}
                    error={err('maxCompletionTokens')}
                  >
                    {numberInput('maxCompletionTokens', 'maxCompletionTokens', {
                      placeholder: t('placeholderDefault'),
                    })}
                  </Field>
                  <Field id="ms-seed" label={t('seed')} hint={t('seedHint')} error={err('seed')}>
                    {numberInput('seed', 'seed', { placeholder: t('seedPlaceholder') })}
                  </Field>
                  <Field
                    id="ms-frequency"
                    label={t('frequencyPenalty')}
                    hint={t('penaltyHint')}
                    error={err('frequencyPenalty')}
                  >
                    {numberInput('frequencyPenalty', 'frequencyPenalty', { placeholder: '0' })}
                  </Field>
                  <Field
                    id="ms-presence"
                    label={t('presencePenalty')}
                    hint={t('penaltyHint')}
                    error={err('presencePenalty')}
                  >
                    {numberInput('presencePenalty', 'presencePenalty', { placeholder: '0' })}
                  </Field>
                  <div className="sm:col-span-2">
                    <Field id="ms-stop" label={t('stop')} hint={t('stopHint')} error={err('stop')}>
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
                  <legend className="mb-2 text-sm font-semibold">{t('thinkingLegend')}</legend>
                  <Check
                    id="ms-thinking"
                    label={t('thinking')}
                    checked={draft.thinking}
                    onChange={(v) => set('thinking', v)}
                  />
                  <Field
                    id="ms-effort"
                    label={t('effort')}
                    hint={t('effortHint')}
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
                        <option value="">{t('effortDefault')}</option>
                        <option value="low">{t('effortLow')}</option>
                        <option value="medium">{t('effortMedium')}</option>
                        <option value="high">{t('effortHigh')}</option>
                      </select>
                    )}
                  </Field>
                </fieldset>

                <fieldset className="flex flex-col gap-3">
                  <legend className="mb-2 text-sm font-semibold">{t('answerLegend')}</legend>
                  <Field id="ms-format" label={t('format')} error={err('responseFormat')}>
                    {(control) => (
                      <select
                        {...control}
                        data-field="responseFormat"
                        value={draft.responseType}
                        onChange={(e) => set('responseType', e.target.value as SettingsDraft['responseType'])}
                        className={inputClass}
                      >
                        <option value="text">{t('formatText')}</option>
                        <option value="json_object">{t('formatJsonObject')}</option>
                        <option value="json_schema">{t('formatJsonSchema')}</option>
                      </select>
                    )}
                  </Field>
                  {draft.responseType === 'json_schema' && (
                    <div className="flex flex-col gap-3 rounded-lg border p-3">
                      <Field id="ms-schema-name" label={t('schemaName')} hint={t('schemaNameHint')}>
                        {(control) => (
                          <input
                            {...control}
                            value={draft.schemaName}
                            onChange={(e) => set('schemaName', e.target.value)}
                            className={inputClass}
                          />
                        )}
                      </Field>
                      <Field id="ms-schema" label={t('schema')} hint={t('schemaHint')}>
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
                        label={t('strict')}
                        checked={draft.strict}
                        onChange={(v) => set('strict', v)}
                      />
                    </div>
                  )}
                  <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
                    <Field id="ms-n" label={t('n')} hint={t('nHint')} error={err('n')}>
                      {numberInput('n', 'n', {})}
                    </Field>
                    <div className="flex flex-col gap-2">
                      <Check
                        id="ms-logprobs"
                        label={t('logprobs')}
                        checked={draft.logprobs}
                        onChange={(v) => set('logprobs', v)}
                      />
                      <Field
                        id="ms-top-logprobs"
                        label={t('topLogprobs')}
                        hint={t('topLogprobsHint')}
                        error={err('topLogprobs')}
                      >
                        {numberInput('topLogprobs', 'topLogprobs', {})}
                      </Field>
                    </div>
                  </div>
                  <Field
                    id="ms-logit-bias"
                    label={t('logitBias')}
                    hint={t('logitBiasHint')}
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
                  <legend className="mb-2 text-sm font-semibold">{t('toolsLegend')}</legend>
                  <Field id="ms-tool-choice" label={t('toolChoice')} error={err('toolChoice')}>
                    {(control) => (
                      <select
                        {...control}
                        data-field="toolChoice"
                        value={draft.toolChoice}
                        onChange={(e) => set('toolChoice', e.target.value)}
                        className={inputClass}
                      >
                        <option value="auto">{t('toolAuto')}</option>
                        <option value="none">{t('toolNone')}</option>
                        <option value="required">{t('toolRequired')}</option>
                        {tools.map((tool) => (
                          <option key={tool.id} value={`tool:${tool.id}`}>
                            {t('toolOnly', { tool: tool.label })}
                          </option>
                        ))}
                        {draft.toolChoice.startsWith('tool:') &&
                          !tools.some((t) => `tool:${t.id}` === draft.toolChoice) && (
                            <option value={draft.toolChoice}>
                              {t('toolOnly', { tool: draft.toolChoice.slice(5) })}
                            </option>
                          )}
                      </select>
                    )}
                  </Field>
                  <Check
                    id="ms-parallel"
                    label={t('parallel')}
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
                    setNotice(t('resetNotice'));
                  }}
                >
                  {t('reset')}
                </button>
                <button type="button" className={button} disabled={busy} onClick={saveAsDefaults}>
                  {t('saveDefaults')}
                </button>
                <span className="ms-auto" />
                <button type="submit" className={primary} disabled={busy}>
                  {t('save')}
                </button>
              </div>
            </form>
          </Dialog>,
          document.body,
        )}
    </>
  );
}
