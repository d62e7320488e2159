import { useId } from 'react';

export function Field({
  label,
  type = 'text',
  name,
  autoComplete,
  minLength,
  required = true,
  defaultValue,
}: {
  label: string;
  type?: string;
  name: string;
  autoComplete?: string;
  minLength?: number;
  required?: boolean;
  defaultValue?: string;
}) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        autoComplete={autoComplete}
        minLength={minLength}
        required={required}
        defaultValue={defaultValue}
        className="w-full rounded-lg border bg-background px-3 py-2 text-sm outline-none focus:ring-2 focus:ring-ring"
      />
    </div>
  );
}

export function FormError({ message }: { message: string }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-lg border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm">
      {message}
    </p>
  );
}

export const buttonClass =
  'w-full rounded-lg bg-primary px-3 py-2 text-sm font-medium text-primary-foreground hover:opacity-90 disabled:opacity-50';
