import type { ShareOptions } from '@/db/schema';

/** A new link shows reasoning and tool details, lives until revoked, and asks not to be indexed. */
export const DEFAULT_SHARE_OPTIONS: ShareOptions = {
  reasoning: true,
  tools: true,
  indexable: false,
  expiry: 'never',
};
