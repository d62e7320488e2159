import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname) } },
  test: {
    include: ['lib/**/*.test.ts', 'db/**/*.test.ts', 'components/**/*.test.{ts,tsx}', 'app/**/*.test.ts'],
    environment: 'node',
    // One real PostgreSQL server for the run (the database tests run on both dialects).
    globalSetup: ['db/__tests__/pg-global-setup.ts'],
    testTimeout: 15_000,
  },
});
