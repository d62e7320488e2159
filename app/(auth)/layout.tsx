import type { ReactNode } from 'react';
import { LanguageSelect } from '@/components/settings/language-select';

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-3 p-4">
      <div className="w-full max-w-sm rounded-2xl border bg-card p-6 shadow-sm">{children}</div>
      <LanguageSelect compact />
    </main>
  );
}
