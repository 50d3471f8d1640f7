import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          // `photodose support open` serves the built renderer: built once if it isn't yet.
          globalSetup: ['tests/support/built-renderer.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      { test: { name: 'keyring', include: ['tests/keyring/**/*.test.ts'], environment: 'node' } },
    ],
  },
});
