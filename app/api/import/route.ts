import { getDb } from '@/db/client';
import { readBodyText } from '@/lib/http/body';
import { otherMethods, ownerRoute } from '@/lib/http/route';
import { importConversations, MAX_IMPORT_BYTES } from '@/lib/transfer/import';

/**
 * Imports a file into the caller's account: a GLM Chat JSON export or ChatGPT's conversations.json,
 * sent as the request body (at most 50 MB, read in chunks and refused past the limit). All or
 * nothing; answers how many conversations and messages came in.
 */
export const POST = ownerRoute(
  async ({ request, ownerId }) => {
    const text = await readBodyText(request, MAX_IMPORT_BYTES);
    const result = await importConversations(getDb(), ownerId, text);
    return Response.json(
      {
        source: result.source,
        conversations: result.conversations,
        messages: result.messages,
        // The first ones, for links to open them (an import can hold thousands).
        imported: result.imported.slice(0, 20),
      },
      { status: 201 },
    );
  },
  { maxBodyBytes: MAX_IMPORT_BYTES },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods(['POST']);
