import type { UIMessageChunk } from 'ai';
import { describe, expect, it } from 'vitest';
import { metadataBeforeError } from '@/lib/chat/end-on-failure';

async function through(chunks: UIMessageChunk[]): Promise<UIMessageChunk[]> {
  const source = new ReadableStream<UIMessageChunk>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  const out: UIMessageChunk[] = [];
  const reader = source.pipeThrough(metadataBeforeError()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return out;
    out.push(value);
  }
}

describe('metadataBeforeError', () => {
  it('puts the metadata that carries the reason before the error chunk a browser stops at', async () => {
    const metadata: UIMessageChunk = {
      type: 'message-metadata',
      messageMetadata: { status: 'error', errorText: 'GLM is rate limited.' },
    };
    const error: UIMessageChunk = { type: 'error', errorText: 'GLM is rate limited.' };
    const finish: UIMessageChunk = { type: 'finish' };
    expect(await through([{ type: 'start' }, error, metadata, finish])).toEqual([
      { type: 'start' },
      metadata,
      error,
      finish,
    ]);
  });

  it('leaves an error without metadata, and a trailing one, where they are', async () => {
    const error: UIMessageChunk = { type: 'error', errorText: 'Broken.' };
    expect(await through([error, { type: 'finish' }])).toEqual([error, { type: 'finish' }]);
    expect(await through([{ type: 'start' }, error])).toEqual([{ type: 'start' }, error]);
  });
});
