import type { ExportedConversation } from './format';

/**
 * A conversation with its ids replaced by positions: what an import must keep exactly (structure,
 * order, content, times, statuses, settings, flags, the active branch). Two exports that normalise
 * to deep-equal values are the same conversation. Used by the round-trip tests.
 */
export function normaliseConversation(conversation: ExportedConversation) {
  const index = new Map(conversation.messages.map((m, i) => [m.id, i]));
  return {
    title: conversation.title,
    pinned: conversation.pinned,
    archived: conversation.archived,
    settings: conversation.settings,
    createdAt: conversation.createdAt,
    updatedAt: conversation.updatedAt,
    activeLeaf: conversation.activeLeafId === null ? null : index.get(conversation.activeLeafId),
    messages: conversation.messages.map((m) => ({
      parent: m.parentId === null ? null : index.get(m.parentId),
      role: m.role,
      parts: m.parts,
      metadata: m.metadata,
      status: m.status,
      createdAt: m.createdAt,
      updatedAt: m.updatedAt,
    })),
  };
}
