import { getDb } from '@/db/client';
import { changeContext, contextActionSchema } from '@/lib/chat/context-service';
import { idSchema } from '@/lib/chat/request';
import { getConfig } from '@/lib/config';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { getGlm } from '@/lib/glm';
import { otherMethods, ownerRoute } from '@/lib/http/route';

/**
 * Makes room in the context window: `drop` the oldest turns, `compact` them into a GLM summary, or
 * `clear` (send the whole branch again). Answers `{ context, fits }`.
 */
export const POST = ownerRoute<{ id: string }>(
  async ({ request, ownerId, params }) => {
    const id = idSchema.safeParse(params.id);
    if (!id.success) throw new NotFoundError('Conversation not found');
    let json: unknown;
    try {
      json = await request.json();
    } catch {
      throw new ValidationError('The request body is not valid JSON.');
    }
    const parsed = contextActionSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || 'body';
      throw new ValidationError(`Invalid ${field}: ${issue?.message ?? 'invalid value'}`, field);
    }
    const result = await changeContext({
      db: getDb(),
      glm: getGlm(),
      config: getConfig(),
      ownerId,
      conversationId: id.data,
      action: parsed.data,
    });
    return Response.json(result);
  },
  { maxBodyBytes: 4096 },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods(['POST']);
