'use client';

import { X } from 'lucide-react';
import { forwardRef, type MouseEvent, type ReactNode } from 'react';
import { cn } from './cn';

/**
 * A modal dialog on the platform's `<dialog>`, opened with `showModal()`: the browser makes the page
 * behind it inert (focus stays inside), closes it on Esc, draws the backdrop and gives focus back
 * to what opened it — no dialog library needed. Its accessible name is its title (`titleId`, the
 * id of the `DialogHeader`'s heading). It has no motion of its own; `prefers-reduced-motion` is
 * honoured for everything in `app/globals.css`. `className` adds the size (width, max height).
 */
export const Dialog = forwardRef<
  HTMLDialogElement,
  { titleId: string; id?: string; className?: string; children: ReactNode }
>(function Dialog({ titleId, id, className, children }, ref) {
  return (
    <dialog
      ref={ref}
      id={id}
      aria-labelledby={titleId}
      className={cn(
        'm-auto rounded-xl border bg-background p-0 text-foreground shadow-xl backdrop:bg-black/40',
        className,
      )}
    >
      {children}
    </dialog>
  );
});

const closeDialog = (event: MouseEvent<HTMLButtonElement>) => event.currentTarget.closest('dialog')?.close();

/** The dialog's title bar: its heading (the dialog's name) and a Close button. */
export function DialogHeader({
  titleId,
  title,
  closeLabel,
}: {
  titleId: string;
  title: ReactNode;
  closeLabel: string;
}) {
  return (
    <div className="flex items-center justify-between border-b px-4 py-3">
      <h2 id={titleId} className="font-semibold">
        {title}
      </h2>
      <button
        type="button"
        aria-label={closeLabel}
        onClick={closeDialog}
        className="rounded-md p-1.5 text-muted-foreground hover:bg-accent hover:text-foreground"
      >
        <X className="size-4" aria-hidden />
      </button>
    </div>
  );
}
