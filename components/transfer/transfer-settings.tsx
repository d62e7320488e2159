'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { type ChangeEvent, useState } from 'react';
import { refreshConversations } from '@/components/sidebar/conversations-store';
import { Section } from '@/components/ui/section';

const linkClass = 'inline-block rounded-lg border px-3 py-1.5 text-sm font-medium hover:bg-accent';

interface ImportAnswer {
  source: 'glm-chat' | 'chatgpt';
  conversations: number;
  messages: number;
  /** The first conversations that came in. */
  imported: Array<{ id: string; title: string }>;
}

/**
 * Export every conversation (Markdown to read, JSON to keep or move), and import a GLM Chat JSON
 * export or ChatGPT's conversations.json (from its "Export data" zip). Imports are all or nothing.
 */
export function TransferSettings({ maxImportMegabytes }: { maxImportMegabytes: number }) {
  const t = useTranslations('transfer');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');
  const [imported, setImported] = useState<ImportAnswer['imported']>([]);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setNotice('');
    setError('');
    setImported([]);
    if (file.size > maxImportMegabytes * 1024 * 1024) {
      setError(t('tooLarge', { megabytes: maxImportMegabytes }));
      input.value = '';
      return;
    }
    setBusy(true);
    try {
      const response = await fetch('/api/import', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: file,
      });
      const body = (await response.json().catch(() => ({}))) as Partial<ImportAnswer> & {
        error?: { message?: string };
      };
      if (!response.ok) {
        setError(body.error?.message ?? t('failed', { status: response.status }));
        return;
      }
      const from = body.source === 'chatgpt' ? 'ChatGPT' : 'GLM Chat';
      setNotice(
        t('imported', { conversations: body.conversations ?? 0, messages: body.messages ?? 0, source: from }),
      );
      setImported(body.imported ?? []);
      void refreshConversations();
    } catch {
      setError(t('noAnswer'));
    } finally {
      setBusy(false);
      input.value = '';
    }
  };

  return (
    <Section title={t('title')}>
      <p className="text-sm text-muted-foreground">{t('intro')}</p>
      <div className="flex flex-wrap gap-2">
        <a href="/api/export?format=markdown" download className={linkClass}>
          {t('exportAllMarkdown')}
        </a>
        <a href="/api/export?format=json" download className={linkClass}>
          {t('exportAllJson')}
        </a>
      </div>
      <div className="space-y-1">
        <label htmlFor="import-file" className="block text-sm font-medium">
          {t('importLabel')}
        </label>
        <p id="import-file-help" className="text-xs text-muted-foreground">
          {t.rich('importHelp', { megabytes: maxImportMegabytes, code: (chunks) => <code>{chunks}</code> })}
        </p>
        <input
          id="import-file"
          type="file"
          accept=".json,application/json"
          aria-describedby="import-file-help"
          disabled={busy}
          onChange={onFile}
          className="block w-full text-sm file:me-3 file:rounded-lg file:border file:bg-background file:px-3 file:py-1.5 file:text-sm file:font-medium hover:file:bg-accent"
        />
      </div>
      {busy && (
        <p role="status" className="text-sm text-muted-foreground">
          {t('importing')}
        </p>
      )}
      {notice && (
        <p role="status" className="text-sm">
          {notice}
        </p>
      )}
      {imported.length > 0 && (
        <ul className="space-y-1 text-sm" aria-label={t('importedList')}>
          {imported.map((conversation) => (
            <li key={conversation.id}>
              <Link href={`/c/${conversation.id}`} dir="auto" className="underline underline-offset-2">
                {conversation.title || t('untitled')}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p
          role="alert"
          className="rounded-lg border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm"
        >
          {error}
        </p>
      )}
    </Section>
  );
}
