/** Types of bench/seed.mjs for the TypeScript tests that use it. */
export function migratedDatabase(
  name: string,
  options: { port: number; simulatorUrl: string },
): Promise<string>;
export function seedConversation(
  file: string,
  options?: { messages?: number; ownerId?: string; title?: string },
): string;
