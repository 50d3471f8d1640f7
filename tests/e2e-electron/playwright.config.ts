import { defineConfig } from '@playwright/test';

/**
 * The packaged desktop app, opened as customers get it: run by the release workflow on Windows,
 * macOS and Linux after electron-builder made the installers. Electron's binary can't be had on
 * the development machines, so `npm test` never runs these.
 */
export default defineConfig({
  testDir: '.',
  timeout: 120_000,
  workers: 1,
  reporter: [['list']],
  forbidOnly: true,
});
