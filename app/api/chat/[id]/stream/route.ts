import { idSchema } from '@/lib/chat/request';
import { resumeTurn } from '@/lib/chat/turn';
import { NotFoundError } from '@/lib/errors';
import { ownerRoute } from '@/lib/http/route';

/**
 * Re-attaches a page (a reload, a second tab) to the answer being written: everything sent so far,
 * then the rest live. 204 when nothing is being written; the stored conversation is then current.
 */
export const GET = ownerRoute<{ id: string }>(async ({ ownerId, params }) => {
  const parsed = idSchema.safeParse(params.id);
  if (!parsed.success) throw new NotFoundError('Conversation not found');
  return resumeTurn(ownerId, parsed.data) ?? new Response(null, { status: 204 });
});
