'use client';

import type { ShareOptions } from '@/db/schema';

const EXPIRY_LABELS: Record<ShareOptions['expiry'], string> = {
  never: 'Never',
  '1d': '1 day',
  '7d': '7 days',
  '30d': '30 days',
};

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
  return (
    <fieldset disabled={disabled} className="space-y-2 text-sm">
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          className={check}
          checked={value.reasoning}
          onChange={(e) => onChange({ ...value, reasoning: e.target.checked })}
        />
        Include reasoning
      </label>
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          className={check}
          checked={value.tools}
          onChange={(e) => onChange({ ...value, tools: e.target.checked })}
        />
        Include tool details
      </label>
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          className={check}
          checked={value.indexable}
          onChange={(e) => onChange({ ...value, indexable: e.target.checked })}
        />
        Allow search engines to index it
      </label>
      <label className="flex items-center gap-2">
        Expires
        <select
          className="rounded-md border bg-background px-2 py-1"
          value={value.expiry}
          onChange={(e) => onChange({ ...value, expiry: e.target.value as ShareOptions['expiry'] })}
        >
          {(Object.keys(EXPIRY_LABELS) as ShareOptions['expiry'][]).map((key) => (
            <option key={key} value={key}>
              {EXPIRY_LABELS[key]}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
