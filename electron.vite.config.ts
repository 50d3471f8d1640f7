import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

/** One build for the three parts of the desktop app; the renderer also serves the browser build. */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          main: resolve(import.meta.dirname, 'electron/main.ts'),
          // Worker threads load a file of their own: heic.ts looks for it beside main.js.
          'heic-worker': resolve(import.meta.dirname, 'services/photos/heic-worker.ts'),
        },
      },
      externalizeDeps: true,
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload must be CommonJS: Electron loads no ES modules there.
      rollupOptions: {
        input: resolve(import.meta.dirname, 'electron/preload.ts'),
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: resolve(import.meta.dirname, 'renderer/index.html') },
      // electron-vite leaves the renderer unminified; what customers download is minified
      // (about 800 KB to 340 KB), and the browser build and e2e tests run that same code.
      minify: true,
      // No maps in a release: they would ship the sources with their comments. For local
      // debugging `electron-vite build --sourcemap` makes them; electron-builder.yml's
      // '!**/*.map' keeps any out of the installer.
      sourcemap: false,
    },
  },
});
