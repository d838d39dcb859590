// Downloads the Electron binary on first start. npm here runs no install script of a dependency
// unless package.json allows it, and this project does not allow Electron's, so that `npm install`
// still succeeds on machines that cannot download Electron (the tests do not need it).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDirectory = dirname(require.resolve('electron/package.json'));
const { engines, version } = require('electron/package.json');

if (existsSync(join(electronDirectory, 'path.txt'))) process.exit(0);

console.log(`Downloading Electron ${version} (once)...`);
// The installer's own output on failure is a stack trace, so only its first line is shown.
const result = spawnSync(process.execPath, [join(electronDirectory, 'install.js')], {
  stdio: ['ignore', 'inherit', 'pipe'],
  encoding: 'utf8',
});
if (result.status !== 0) {
  const reason = (result.stderr ?? '').split('\n').find((line) => line.trim() !== '');
  console.error(
    [
      `The download failed: ${reason?.trim() ?? 'the installer gave no reason'}`,
      `Electron ${version} could not be downloaded, so the app cannot start on this machine.`,
      `Its installer needs Node ${engines?.node ?? 'a recent version'} (this is ${process.version}) and access to GitHub.`,
      'The CLI and the tests work without it: "npm test", or "npx hatz-tester --help".',
    ].join('\n'),
  );
  process.exit(1);
}
