import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Only unit tests next to the code; Playwright's e2e/*.spec.ts must not
    // be picked up by Vitest's default include.
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
  },
});
