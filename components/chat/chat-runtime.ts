// The chat runtime: the AI SDK's client (its Chat class and HTTP transport, with the zod schemas it
// validates every stream chunk with). About 100 KB gzipped, so it is not part of the page's first
// load: `use-lazy-chat.ts` imports this module once the page is idle, or at once when a message is
// sent or a live answer is resumed.
export { Chat } from '@ai-sdk/react';
export { DefaultChatTransport } from 'ai';
