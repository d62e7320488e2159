import type { ReactNode } from 'react';

/** A titled panel of a settings-like page (account, admin). */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-3 rounded-xl border p-4">
      <h2 className="font-semibold">{title}</h2>
      {children}
    </section>
  );
}
