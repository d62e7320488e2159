import { getDb } from '@/db/client';
import { getConversationSummary } from '@/db/queries/conversations';
import { subscribeToTitle, type TitleEvent } from '@/lib/chat/generated-title';
import { conversationId } from '@/lib/conversations/input';
import { NotFoundError } from '@/lib/errors';
import { otherMethods, ownerRoute } from '@/lib/http/route';

const encoder = new TextEncoder();
const frame = (event: TitleEvent) => encoder.encode(`data: ${JSON.stringify(event)}\n\n`);

/**
 * The conversation's title as GLM writes it (server-sent events: `delta` pieces, then `done` with
 * the stored title, which is the user's if they renamed meanwhile). When no title is being
 * written, a single `done` with the stored title.
 */
export const GET = ownerRoute<{ id: string }>(async ({ ownerId, params }) => {
  const id = conversationId(params.id);
  const live = subscribeToTitle(ownerId, id);
  let body: ReadableStream<Uint8Array>;
  if (live) {
    body = live.pipeThrough(
      new TransformStream<TitleEvent, Uint8Array>({
        transform: (event, controller) => controller.enqueue(frame(event)),
      }),
    );
  } else {
    const conversation = getConversationSummary(getDb(), ownerId, id);
    if (!conversation) throw new NotFoundError('Conversation not found');
    body = new ReadableStream({
      start: (controller) => {
        controller.enqueue(frame({ type: 'done', title: conversation.title }));
        controller.close();
      },
    });
  }
  return new Response(body, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' },
  });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
