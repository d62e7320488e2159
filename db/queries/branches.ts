import { and, eq } from 'drizzle-orm';
import { NotFoundError } from '@/lib/errors';
import type { Db } from '../client';
import { conversations } from '../schema';
import { getConversation } from './conversations';

/**
 * Makes the branch that holds `messageId` the conversation's active one: the active leaf becomes
 * the most recently created leaf that descends from (or is) the message. Returns that leaf's id.
 * Another owner's conversation, or a message not in it, is not found.
 */
export function activateMessage(db: Db, ownerId: string, conversationId: string, messageId: string): string {
  return db.transaction((tx) => {
    const txDb = tx as unknown as Db;
    if (!getConversation(txDb, ownerId, conversationId)) throw new NotFoundError('Conversation not found');
    const leaf = db.$client
      .prepare<[string, string], { id: string }>(
        `with recursive subtree(id, pk, created_at) as (
           select id, pk, created_at from messages where id = ? and conversation_id = ?
           union all
           select m.id, m.pk, m.created_at from messages m join subtree s on m.parent_id = s.id
         )
         select s.id from subtree s
         where not exists (select 1 from messages c where c.parent_id = s.id)
         order by s.created_at desc, s.pk desc
         limit 1`,
      )
      .get(messageId, conversationId);
    if (!leaf) throw new NotFoundError('Message not found');
    tx.update(conversations)
      .set({ activeLeafId: leaf.id })
      .where(and(eq(conversations.id, conversationId), eq(conversations.ownerId, ownerId)))
      .run();
    return leaf.id;
  });
}
