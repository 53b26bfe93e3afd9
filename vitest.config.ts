import { defineConfig } from 'vitest/config';
import manifest from './manifest.json' with { type: 'json' };

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify(manifest.version), __E2E__: 'false' },
  test: {
    // Only unit tests next to the code; Playwright's e2e/*.spec.ts must not
    // be picked up by Vitest's default include.
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
    environment: 'node',
  },
});
