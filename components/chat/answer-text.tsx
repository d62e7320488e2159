'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { ChatMessageMetadata } from '@/lib/chat/types';
import { JsonAnswer } from './json-answer';
import { Markdown } from './lazy-markdown';
import { TokenView } from './token-view';

/**
 * The text of an answer: markdown by default; formatted JSON with a validity badge when a JSON
 * response format was asked; its tokens with probabilities when the reader asks for them.
 */
export function AnswerText({
  text,
  metadata,
  streaming,
  last,
}: {
  text: string;
  metadata: ChatMessageMetadata | undefined;
  streaming: boolean;
  /** The answer's last text part (where the tokens view and its switch go). */
  last: boolean;
}) {
  const t = useTranslations('message');
  const [showTokens, setShowTokens] = useState(false);
  const logprobs = !streaming && last ? metadata?.logprobs : undefined;
  const json = !streaming ? metadata?.json : undefined;
  return (
    <div dir="auto" data-testid="message-text">
      {showTokens && logprobs?.length ? (
        <TokenView tokens={logprobs} truncated={metadata?.logprobsTruncated} />
      ) : json ? (
        <JsonAnswer text={text} check={json} />
      ) : (
        <Markdown text={text} streaming={streaming} />
      )}
      {logprobs && logprobs.length > 0 && (
        <button
          type="button"
          aria-pressed={showTokens}
          onClick={() => setShowTokens(!showTokens)}
          className="mt-1 rounded-md border px-2 py-0.5 text-xs text-muted-foreground hover:text-foreground"
        >
          {t('showTokens')}
        </button>
      )}
    </div>
  );
}
