import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { labBuild } from './scripts/lab-build';
import { labName } from './services/lab/lab-folder';

const root = import.meta.dirname;
// White-label: the lab folder under assets/labs/ this build is for (Photo Dose by default).
const lab = labName(process.env.PHOTODOSE_LAB);
// Another lab's build goes elsewhere (tests), leaving out/ to the default build others run on.
const out = resolve(root, process.env.PHOTODOSE_BUILD_OUT ?? 'out');

/** One build for the three parts of the desktop app; the renderer also serves the browser build. */
export default defineConfig({
  main: {
    // The host in main prices orders with the lab's catalog.
    plugins: [labBuild({ root, lab })],
    build: {
      outDir: resolve(out, 'main'),
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
      outDir: resolve(out, 'preload'),
      // A sandboxed preload must be CommonJS: Electron loads no ES modules there.
      rollupOptions: {
        input: resolve(import.meta.dirname, 'electron/preload.ts'),
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react(), labBuild({ root, lab, marker: true })],
    build: {
      outDir: resolve(out, 'renderer'),
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
