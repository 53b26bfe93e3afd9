import { defineConfig } from '@playwright/test';

// Specs run against the built extension in dist/: `npm run build` first
// (`npm test` does). Each test launches its own Chromium with the extension.
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../test-results',
  fullyParallel: true,
  // Two cores on CI and dev machines: more workers only slow each browser down.
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI
    ? [['list']]
    : [['list'], ['html', { open: 'never', outputFolder: '../playwright-report' }]],
  use: {
    trace: 'retain-on-failure',
  },
});
