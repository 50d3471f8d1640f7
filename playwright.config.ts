import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive the real renderer in Debian's Chromium through the
 * loopback host (Electron's binary cannot be downloaded on these machines).
 * Each test launches its own browser with a profile folder it can inspect.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 120_000,
  workers: 1,
  reporter: [['list']],
  forbidOnly: true,
});
