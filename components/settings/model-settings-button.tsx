'use client';

import { SlidersHorizontal } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type ComponentProps, lazy, type Ref, Suspense, useEffect, useRef, useState } from 'react';
import { whenIdle } from '@/components/ui/when-idle';
import type { ModelSettingsDialog as Dialog } from './model-settings-dialog';

// The settings dialog validates with zod and a JSON Schema validator (lib/chat/settings.ts): about
// 60 KB gzipped that the page's first load does without. Its code is fetched when the page is idle
// (or when the button is pointed at, focused or clicked); until then the button is this one.
const load = () => import('./model-settings-dialog');
const LazyDialog = lazy(() => load().then((module) => ({ default: module.ModelSettingsDialog })));

type Props = Omit<ComponentProps<typeof Dialog>, 'openAtMount' | 'focusAtMount'>;

/** The button that opens the model settings (the same in both states). */
export function SettingsTrigger({
  onClick,
  onPrepare,
  ref,
}: {
  onClick: () => void;
  onPrepare?: () => void;
  ref?: Ref<HTMLButtonElement>;
}) {
  const t = useTranslations('modelSettings');
  return (
    <button
      ref={ref}
      type="button"
      aria-label={t('button')}
      title={t('button')}
      onClick={onClick}
      onPointerEnter={onPrepare}
      onFocus={onPrepare}
      className="flex items-center gap-1 rounded-full border px-2.5 py-1 text-xs text-muted-foreground hover:text-foreground"
    >
      <SlidersHorizontal className="size-3.5" aria-hidden />
      <span className="hidden sm:inline">{t('buttonShort')}</span>
    </button>
  );
}

export function ModelSettingsButton(props: Props) {
  // null: the dialog's code is not here yet. Once it is, the dialog (with its own trigger) takes
  // this button's place, opened if the reader clicked, focused if the reader was on the button.
  const [mount, setMount] = useState<{ open: boolean; focus: boolean } | null>(null);
  const placeholder = useRef<HTMLButtonElement>(null);
  useEffect(
    () =>
      whenIdle(() => {
        void load().then(() =>
          setMount(
            (current) => current ?? { open: false, focus: document.activeElement === placeholder.current },
          ),
        );
      }),
    [],
  );
  const trigger = (
    <SettingsTrigger
      ref={placeholder}
      onClick={() => setMount({ open: true, focus: true })}
      onPrepare={() => void load()}
    />
  );
  if (!mount) return trigger;
  return (
    <Suspense fallback={trigger}>
      <LazyDialog {...props} openAtMount={mount.open} focusAtMount={mount.focus} />
    </Suspense>
  );
}
