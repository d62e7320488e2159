import { readUIMessageStream, type UIMessageChunk } from 'ai';
import { describe, expect, it } from 'vitest';
import { CompactChunks } from '../persist';
import type { ChatUIMessage } from '../types';

const stream = (chunks: UIMessageChunk[]) =>
  new ReadableStream<UIMessageChunk>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });

async function messageOf(chunks: UIMessageChunk[]): Promise<ChatUIMessage | undefined> {
  let last: ChatUIMessage | undefined;
  for await (const message of readUIMessageStream<ChatUIMessage>({ stream: stream(chunks) })) last = message;
  return last;
}

const answer: UIMessageChunk[] = [
  { type: 'start', messageId: 'm1', messageMetadata: { status: 'streaming' } },
  { type: 'start-step' },
  { type: 'reasoning-start', id: 'r1' },
  ...['Let ', 'me ', 'think.'].map((delta): UIMessageChunk => ({ type: 'reasoning-delta', id: 'r1', delta })),
  { type: 'reasoning-end', id: 'r1' },
  { type: 'message-metadata', messageMetadata: { reasoningDurations: [12] } },
  { type: 'tool-input-start', toolCallId: 'c1', toolName: 'calculator' },
  ...['{"expr', 'ession":', '"2+3"}'].map(
    (inputTextDelta): UIMessageChunk => ({ type: 'tool-input-delta', toolCallId: 'c1', inputTextDelta }),
  ),
  { type: 'tool-input-available', toolCallId: 'c1', toolName: 'calculator', input: { expression: '2+3' } },
  { type: 'tool-output-available', toolCallId: 'c1', output: '5' },
  { type: 'finish-step' },
  { type: 'start-step' },
  { type: 'text-start', id: 't1' },
  ...Array.from(
    { length: 200 },
    (_, i): UIMessageChunk => ({ type: 'text-delta', id: 't1', delta: ` w${i}` }),
  ),
  { type: 'text-end', id: 't1' },
  { type: 'text-start', id: 't2' },
  { type: 'text-delta', id: 't2', delta: 'second' },
  { type: 'text-end', id: 't2' },
  { type: 'finish-step' },
  { type: 'finish', messageMetadata: { status: 'complete' } },
];

describe('CompactChunks', () => {
  it('joins runs of deltas and makes the same message from far fewer chunks', async () => {
    const compact = new CompactChunks();
    for (const chunk of answer) compact.push(chunk);
    expect(compact.chunks.length).toBeLessThan(25);
    expect(await messageOf(compact.chunks)).toEqual(await messageOf(answer));
  });

  it('never changes the chunks it was given (other readers share them)', () => {
    const chunks = structuredClone(answer);
    const compact = new CompactChunks();
    for (const chunk of chunks) compact.push(chunk);
    expect(chunks).toEqual(answer);
  });
});
