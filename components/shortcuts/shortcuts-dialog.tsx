'use client';

import { useTranslations } from 'next-intl';
import { forwardRef, useSyncExternalStore } from 'react';
import { Dialog, DialogHeader } from '@/components/ui/dialog';
import { isApplePlatform, SHORTCUTS, shortcutKeys } from './shortcuts';

const noSubscription = () => () => {};

/** The list of keyboard shortcuts, with the keys of this platform (⌘ on macOS, Ctrl elsewhere). */
export const ShortcutsDialog = forwardRef<HTMLDialogElement>(function ShortcutsDialog(_props, ref) {
  // The server has no platform to ask: it renders Ctrl, and the browser corrects it after hydration.
  const t = useTranslations('shortcuts');
  const apple = useSyncExternalStore(noSubscription, isApplePlatform, () => false);
  return (
    <Dialog
      ref={ref}
      id="shortcuts-dialog"
      titleId="shortcuts-dialog-title"
      className="w-[min(30rem,calc(100vw-2rem))]"
    >
      <DialogHeader titleId="shortcuts-dialog-title" title={t('title')} closeLabel={t('close')} />
      <table className="w-full text-sm" data-platform={apple ? 'apple' : 'other'}>
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.id} data-shortcut={shortcut.id} className="border-b last:border-b-0">
              <th scope="row" className="px-4 py-2 text-start font-normal">
                {t(shortcut.label)}
                {shortcut.note && (
                  <span className="block text-xs text-muted-foreground">{t(shortcut.note)}</span>
                )}
              </th>
              <td className="whitespace-nowrap px-4 py-2 text-end">
                {shortcutKeys(shortcut, apple).map((key, index) => (
                  <span key={key}>
                    {index > 0 && !apple && <span className="mx-0.5 text-muted-foreground">+</span>}
                    <kbd className="inline-block min-w-6 rounded border bg-muted px-1.5 py-0.5 text-center font-mono text-xs">
                      {key}
                    </kbd>
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
});
