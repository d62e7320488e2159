'use client';

import { AlertTriangle, Pencil, RefreshCw } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { memo, useEffect, useRef, useState } from 'react';
import { cn } from '@/components/ui/cn';
import type { ChatUIMessage, MessageStatus } from '@/lib/chat/types';
import { AssistantParts } from './assistant-parts';
import { CopyButton } from './copy-button';
import { MessageEditor } from './message-editor';
import { backendWarnings } from './message-warnings';
import { UsageLine } from './usage-line';
import { VersionSwitcher } from './version-switcher';

function plainText(message: ChatUIMessage): string {
  return message.parts
    .map((p) => (p.type === 'text' ? p.text : ''))
    .filter(Boolean)
    .join('\n\n');
}

const actionClass = 'rounded-md p-1.5 text-muted-foreground hover:bg-accent hover:text-foreground';

/** One message of the thread. Memoised: only the message whose parts change re-renders. */
export const Message = memo(function Message({
  message,
  status,
  onRegenerate,
  onEdit,
  versionIndex,
  versionCount,
  previousVersionId,
  nextVersionId,
  onSelectVersion,
}: {
  message: ChatUIMessage;
  status: MessageStatus;
  /** Set on the answer that can be asked again (the last one, when nothing is streaming). */
  onRegenerate?: (messageId: string) => void;
  /** Set on user messages while nothing streams: sends an edited version of the message. */
  onEdit?: (messageId: string, text: string) => void;
  /** Position among the message's versions (0-based), when it has siblings. */
  versionIndex?: number;
  versionCount?: number;
  previousVersionId?: string;
  nextVersionId?: string;
  /** Shows another version; absent while an answer streams. */
  onSelectVersion?: (messageId: string) => void;
}) {
  const t = useTranslations('message');
  const [editing, setEditing] = useState(false);
  // Leaving the editor (Cancel, Escape) puts the keyboard back on the Edit button.
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  const isUser = message.role === 'user';
  const note = status === 'stopped' || status === 'interrupted' ? t(status) : undefined;
  const warnings = isUser
    ? []
    : [...backendWarnings(message), ...(message.metadata?.settingsWarnings ?? [])].map((w) =>
        t(w.key, w.values),
      );
  return (
    <article
      data-role={message.role}
      data-status={status}
      data-message-id={message.id}
      aria-label={isUser ? t('yourMessage') : t('answer')}
      aria-busy={status === 'streaming'}
      className={cn('group flex w-full flex-col', isUser ? 'items-end' : 'items-start')}
    >
      {isUser && editing && onEdit ? (
        <MessageEditor
          initialText={plainText(message)}
          onCancel={() => setEditing(false)}
          onSubmit={(text) => {
            setEditing(false);
            onEdit(message.id, text);
          }}
        />
      ) : isUser ? (
        <div
          dir="auto"
          data-testid="message-text"
          className="max-w-[85%] whitespace-pre-wrap break-words rounded-2xl bg-secondary px-4 py-2.5 text-[15px] leading-7"
        >
          {plainText(message)}
        </div>
      ) : (
        <div className="w-full min-w-0">
          <AssistantParts message={message} status={status} />
          {status === 'streaming' && message.parts.length === 0 && (
            <p className="text-sm text-muted-foreground">
              <span className="inline-block size-2 animate-pulse rounded-full bg-current" aria-hidden />{' '}
              {t('waiting')}
            </p>
          )}
          {warnings.map((warning) => (
            <p
              key={warning}
              data-testid="backend-warning"
              className="mt-2 flex gap-2 rounded-lg border border-amber-500/50 bg-amber-500/10 px-3 py-2 text-sm"
            >
              <AlertTriangle className="mt-0.5 size-4 shrink-0 text-amber-600" aria-hidden />
              <span>{warning}</span>
            </p>
          ))}
          {status === 'error' && (
            <p
              role="alert"
              className="mt-2 rounded-lg border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm"
            >
              {message.metadata?.errorText ?? t('failed')}
            </p>
          )}
          {note && <p className="mt-1 text-xs text-muted-foreground">{note}</p>}
          {status !== 'streaming' && <UsageLine metadata={message.metadata} />}
        </div>
      )}
      {(status !== 'streaming' || versionCount) && !(editing && onEdit) && (
        <div className="mt-1 flex items-center gap-1 opacity-70 transition-opacity group-hover:opacity-100 focus-within:opacity-100">
          {versionCount !== undefined && versionIndex !== undefined && (
            <VersionSwitcher
              index={versionIndex}
              count={versionCount}
              previousId={previousVersionId}
              nextId={nextVersionId}
              onSelect={onSelectVersion}
            />
          )}
          {status !== 'streaming' && <CopyButton text={plainText(message)} />}
          {isUser && onEdit && (
            <button
              ref={editButton}
              type="button"
              aria-label={t('edit')}
              title={t('edit')}
              onClick={() => setEditing(true)}
              className={actionClass}
            >
              <Pencil className="size-4" aria-hidden />
            </button>
          )}
          {onRegenerate && (
            <button
              type="button"
              aria-label={t('regenerate')}
              title={t('regenerate')}
              onClick={() => onRegenerate(message.id)}
              className={actionClass}
            >
              <RefreshCw className="size-4" aria-hidden />
            </button>
          )}
        </div>
      )}
    </article>
  );
});
