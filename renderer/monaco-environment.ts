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

// Monaco's own diagnostics are off: the inputs lint in core marks syntax and schema problems in
// plain words, the same as the CLI, and two sets of marks would repeat each other. The schema set
// per workflow still drives completion and hovers. Schema requests stay off, so a `$schema` URL in
// the text is never fetched.
jsonDefaults.setDiagnosticsOptions({
  validate: false,
  allowComments: false,
  comments: 'error',
  trailingCommas: 'error',
  enableSchemaRequest: false,
  schemas: [],
});

loader.config({ monaco });

export { jsonDefaults, monaco };
