import { defineConfig } from '@playwright/test';

// `npm run record:streams`: re-records the webRequest event streams that the capture's
// unit tests replay (src/capture/fixtures/chromium). Not part of `npm test`.
export default defineConfig({
  testDir: '.',
  testMatch: ['record-event-streams.ts', 'record-chrome-har.ts'],
  outputDir: '../../test-results/record',
  workers: 1,
  retries: 0,
  timeout: 120_000,
  reporter: [['list']],
});
