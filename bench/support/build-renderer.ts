import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const builds = new Map<string, Promise<string>>();

/**
 * Builds the renderer with Vite, with a manifest, into a folder of `workDirectory` and returns
 * that folder; later calls reuse the build. The bench never builds into dist/renderer, so it
 * never empties the folder that the end-to-end tests serve.
 */
export function buildRendererOnce(workDirectory: string): Promise<string> {
  let build = builds.get(workDirectory);
  if (!build) {
    const outDir = join(workDirectory, 'renderer');
    build = promisify(execFile)(
      'npx',
      ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--manifest', '--logLevel', 'error'],
      { maxBuffer: 16 * 1024 * 1024 },
    ).then(() => outDir);
    builds.set(workDirectory, build);
  }
  return build;
}
