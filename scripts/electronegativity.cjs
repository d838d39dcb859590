// Runs Electronegativity (Doyensec's Electron security scanner) on electron/. Its parser,
// typescript-estree, loads whichever `typescript` the project root resolves, and TypeScript 7 has
// no JavaScript API, so requests for `typescript` are pointed at the TypeScript 4.2 that
// Electronegativity itself depends on.
const Module = require('node:module');
const path = require('node:path');

const scannerRoot = path.dirname(require.resolve('@doyensec/electronegativity/package.json'));
const bundledTypeScript = require.resolve('typescript', { paths: [scannerRoot] });
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveTypeScript(request, ...rest) {
  return request === 'typescript'
    ? bundledTypeScript
    : resolveFilename.call(this, request, ...rest);
};

require(path.join(scannerRoot, 'dist', 'index.js'));
