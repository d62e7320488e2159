'use client';

import { useTranslations } from 'next-intl';
import type { ShareOptions } from '@/db/schema';

const EXPIRY_LABELS = {
  never: 'never',
  '1d': 'oneDay',
  '7d': 'sevenDays',
  '30d': 'thirtyDays',
} as const satisfies Record<ShareOptions['expiry'], string>;

const check = 'size-4 accent-current';

/** What the link shows and how long it lives. */
export function ShareOptionsFields({
  value,
  onChange,
  disabled,
}: {
  value: ShareOptions;
  onChange: (value: ShareOptions) => void;
  disabled: boolean;
}) {
  const t = useTranslations('share');
  return (
    <fieldset disabled={disabled} className="space-y-2 text-sm">
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          className={check}
          checked={value.reasoning}
          onChange={(e) => onChange({ ...value, reasoning: e.target.checked })}
        />
        {t('includeReasoning')}
      </label>
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          className={check}
          checked={value.tools}
          onChange={(e) => onChange({ ...value, tools: e.target.checked })}
        />
        {t('includeTools')}
      </label>
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          className={check}
          checked={value.indexable}
          onChange={(e) => onChange({ ...value, indexable: e.target.checked })}
        />
        {t('indexable')}
      </label>
      <label className="flex items-center gap-2">
        {t('expires')}
        <select
          className="rounded-md border bg-background px-2 py-1"
          value={value.expiry}
          onChange={(e) => onChange({ ...value, expiry: e.target.value as ShareOptions['expiry'] })}
        >
          {(Object.keys(EXPIRY_LABELS) as ShareOptions['expiry'][]).map((key) => (
            <option key={key} value={key}>
              {t(EXPIRY_LABELS[key])}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
