import { fileURLToPath } from 'node:url';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/*
 * Builds the renderer into dist/renderer. `base: './'` keeps every asset URL relative, because the
 * app serves the files from its own `app://renderer` origin rather than from a web server root.
 *
 * NOTE: the Content Security Policy in renderer/index.html blocks the inline script and the
 * WebSocket that `vite` (the dev server) injects, so only the built renderer runs under it.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // Monaco's two chunks are 1.2 MB and 2.8 MB (monaco-editor 0.57) and load only when the inputs
    // editor appears, so the default 500 kB warning would fire on every build to no purpose.
    chunkSizeWarningLimit: 5000,
  },
  worker: {
    // Module workers, as monaco-editor 0.57 starts its own JSON worker with `type: 'module'`.
    format: 'es',
  },
});
