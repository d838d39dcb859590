import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/editor/editor.api';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';

/*
 * Configures Monaco from the local `monaco-editor` package. Without `loader.config({ monaco })`,
 * @monaco-editor/react would inject a script tag for Monaco from a CDN, which the app's Content
 * Security Policy blocks and which must never happen anyway. Importing this module is the setup.
 *
 * monaco-editor 0.56 and later map `monaco-editor/*` to `esm/vs/*` in their package exports, so
 * the older `monaco-editor/esm/vs/...` paths no longer resolve.
 */

self.MonacoEnvironment = {
  getWorker(_workerId, label) {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

// Hatz rejects a body that is not strict JSON, so comments and trailing commas are errors here too.
// Schema requests stay off, so a `$schema` URL in the text is never fetched.
jsonDefaults.setDiagnosticsOptions({
  validate: true,
  allowComments: false,
  comments: 'error',
  trailingCommas: 'error',
  enableSchemaRequest: false,
  schemas: [],
});

loader.config({ monaco });

export { monaco };
