import Editor from '@monaco-editor/react';
import { useEffect, useRef, useState, type ReactNode } from 'react';

import type { InputsLintProblem } from '../../core/inputs-lint.ts';
import type { InputsJsonSchema } from '../../core/inputs-schema.ts';
import { showLintMarkers } from '../inputs-markers.ts';
import { jsonDefaults, monaco } from '../monaco-environment.ts';

interface JsonCodeEditorProps {
  /** The text to start with, and the text to show whenever `valueRevision` changes. */
  value: string;
  /**
   * Changes when the app replaces the text. Monaco is not driven by `value` on every render,
   * because its edits reach React after the key press: a render still carrying the previous text
   * would overwrite the newer text in the editor and move the cursor to the end.
   */
  valueRevision: number;
  /** Accessible name of the editor's container. */
  label: string;
  /** Shown in place of the editor for the moment between this chunk loading and Monaco starting. */
  loadingFallback: ReactNode;
  onChange: (value: string) => void;
  onSubmit: () => void;
  /** Asked once Monaco has started, so focus moves over from the fallback text box. */
  shouldTakeFocus: () => boolean;
  /** Lint problems of `lintedText`, shown as markers with quick fixes. */
  problems: readonly InputsLintProblem[];
  lintedText: string;
  /** The chosen workflow's inputs schema, for completion and hovers; null when none is chosen. */
  schema: InputsJsonSchema | null;
}

const SCHEMA_URI = 'inmemory://hatz-workflow-tester/inputs-schema.json';

const EDITOR_OPTIONS: monaco.editor.IStandaloneEditorConstructionOptions = {
  // Distinct from the container's label, so a search by label finds one element.
  ariaLabel: 'JSON text',
  automaticLayout: true,
  // Typing a bracket or quote over a selection replaces it, as in any text field. Monaco's default
  // ('languageDefined') wraps the selection instead, so Ctrl+A then typing a whole object leaves
  // the old text inside the new one.
  autoSurround: 'never',
  fixedOverflowWidgets: true,
  fontSize: 13,
  insertSpaces: true,
  lineNumbersMinChars: 3,
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  scrollbar: { alwaysConsumeMouseWheel: false },
  // Tab moves focus to the next control, so keyboard users are not trapped in the editor, and Enter
  // already indents JSON. Ctrl+M (Ctrl+Shift+M on macOS) switches Tab back to indenting.
  tabFocusMode: true,
  tabSize: 2,
  wordWrap: 'on',
};

/** Monaco editing JSON, with Ctrl+Enter and Cmd+Enter bound to sending. Loaded lazily. */
export function JsonCodeEditor(props: JsonCodeEditorProps) {
  const { value, valueRevision, label, loadingFallback, onChange, onSubmit, shouldTakeFocus } =
    props;
  const { problems, lintedText, schema } = props;
  const [isReady, setIsReady] = useState(false);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const valueRef = useRef(value);
  const onSubmitRef = useRef(onSubmit);

  useEffect(() => {
    valueRef.current = value;
    onSubmitRef.current = onSubmit;
  });

  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model || model.getValue() === valueRef.current) return;

    // An edit rather than setValue, so Ctrl+Z brings back the text that was replaced.
    editor.executeEdits('replace-inputs', [
      { range: model.getFullModelRange(), text: valueRef.current },
    ]);
    editor.pushUndoStop();
  }, [valueRevision]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (model) showLintMarkers(model, problems, lintedText);
  }, [isReady, problems, lintedText]);

  useEffect(() => {
    // The path "inputs.json" below is what the schema's fileMatch names.
    jsonDefaults.setDiagnosticsOptions({
      ...jsonDefaults.diagnosticsOptions,
      schemas: schema ? [{ uri: SCHEMA_URI, fileMatch: ['inputs.json'], schema }] : [],
    });
  }, [schema]);

  function handleMount(editor: monaco.editor.IStandaloneCodeEditor) {
    // Monaco binds Ctrl+Enter itself (insert line below) and stops the event, so the window-level
    // shortcut never receives it, and this action sends instead. WinCtrl means Ctrl on macOS and
    // Meta elsewhere (monaco-editor base/common/keybindings.js), so both shortcuts work everywhere.
    editor.addAction({
      id: 'hatz.sendRun',
      label: 'Send the run',
      keybindings: [
        monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter,
        monaco.KeyMod.WinCtrl | monaco.KeyCode.Enter,
      ],
      run: () => onSubmitRef.current(),
    });

    editorRef.current = editor;
    setIsReady(true);
    // The text may have changed in the fallback text box while Monaco was starting.
    if (editor.getValue() !== valueRef.current) editor.setValue(valueRef.current);
    if (shouldTakeFocus()) editor.focus();
  }

  return (
    <div className="code-editor" role="group" aria-label={isReady ? label : undefined}>
      <Editor
        defaultValue={value}
        language="json"
        path="inputs.json"
        theme="vs"
        height="100%"
        loading={loadingFallback}
        options={EDITOR_OPTIONS}
        onChange={(nextValue) => onChange(nextValue ?? '')}
        onMount={handleMount}
      />
    </div>
  );
}
