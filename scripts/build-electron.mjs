// Bundles the main process as ESM and the preload as one CommonJS file, which a sandboxed preload
// requires because it cannot load other modules.
import { build } from 'esbuild';

const shared = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
};

await Promise.all([
  build({
    ...shared,
    entryPoints: ['electron/main.ts'],
    format: 'esm',
    outfile: 'dist/electron/main.mjs',
  }),
  build({
    ...shared,
    entryPoints: ['electron/preload.ts'],
    format: 'cjs',
    outfile: 'dist/electron/preload.cjs',
  }),
]);
