import { lazy, Suspense, useDeferredValue, useId, useMemo, useRef } from 'react';

import type { WorkflowSummary } from '../../core/schemas.ts';
import { findInputsSyntaxProblem, type InputsSyntaxProblem } from '../inputs-syntax.ts';
import { DeclaredInputsTable } from './declared-inputs-table.tsx';
import { EditorLoadBoundary } from './editor-load-boundary.tsx';
import { InputsTextarea } from './inputs-textarea.tsx';

// Monaco is several megabytes, so it loads in its own chunk after the first paint.
const JsonCodeEditor = lazy(async () => {
  const module = await import('./json-code-editor.tsx');
  return { default: module.JsonCodeEditor };
});

interface InputsEditorProps {
  workflow: WorkflowSummary | null;
  text: string;
  /** Changes when the app replaced `text` (template, reset), so the code editor shows it. */
  textRevision: number;
  /** The template for `workflow`, which "Reset to template" restores. */
  template: string | null;
  onTextChange: (text: string) => void;
  onResetToTemplate: () => void;
  onSend: () => void;
}

/** Renders the inputs object as JSON text: in Monaco once loaded, in a plain text box before. */
export function InputsEditor(props: InputsEditorProps) {
  const { workflow, text, textRevision, template, onTextChange, onResetToTemplate, onSend } = props;
  const headingId = useId();
  const syntaxLineId = useId();
  const isFallbackFocusedRef = useRef(false);

  // Checking a large text on every key press would make typing lag, so the check may trail behind.
  const deferredText = useDeferredValue(text);
  const syntaxProblem = useMemo(() => findInputsSyntaxProblem(deferredText), [deferredText]);

  const canReset = template !== null && text.trim() !== template.trim();

  function renderTextarea() {
    return (
      <InputsTextarea
        value={text}
        describedBy={syntaxLineId}
        onChange={onTextChange}
        onFocusChange={(isFocused) => {
          isFallbackFocusedRef.current = isFocused;
        }}
      />
    );
  }

  function shouldEditorTakeFocus(): boolean {
    // The text box was focused and is gone now, so its keyboard user expects to keep typing.
    const activeElement = document.activeElement;
    return (
      isFallbackFocusedRef.current && (activeElement === null || activeElement === document.body)
    );
  }

  return (
    <section className="panel inputs-editor" aria-labelledby={headingId}>
      <h2 id={headingId}>Inputs</h2>

      {workflow ? (
        <DeclaredInputsTable workflow={workflow} />
      ) : (
        <p className="muted">Choose a workflow to see the inputs it expects.</p>
      )}

      <div className="editor-toolbar">
        {/* The text box and Monaco carry this name themselves; hidden here so it is read once. */}
        <span className="field-label" aria-hidden="true">
          Inputs (JSON)
        </span>
        {canReset && (
          <button type="button" className="button-small" onClick={onResetToTemplate}>
            Reset to template
          </button>
        )}
      </div>
      <EditorLoadBoundary fallback={renderTextarea()}>
        <Suspense fallback={renderTextarea()}>
          <JsonCodeEditor
            value={text}
            valueRevision={textRevision}
            label="Inputs (JSON)"
            loadingFallback={renderTextarea()}
            onChange={onTextChange}
            onSubmit={onSend}
            shouldTakeFocus={shouldEditorTakeFocus}
          />
        </Suspense>
      </EditorLoadBoundary>

      <p id={syntaxLineId} className={`syntax-line ${describeSyntaxLineTone(text, syntaxProblem)}`}>
        {describeSyntaxProblem(syntaxProblem)}
      </p>
    </section>
  );
}

function describeSyntaxProblem(problem: InputsSyntaxProblem | null): string {
  if (problem === null) return 'The inputs are valid JSON.';
  if (!problem.location) return problem.message;
  return `Line ${problem.location.line}, column ${problem.location.column}: ${problem.message}`;
}

/** Picks the line's style. Empty text is where everyone starts, so it reads as a hint, not an error. */
function describeSyntaxLineTone(text: string, problem: InputsSyntaxProblem | null): string {
  if (problem === null) return 'is-valid';
  return text.trim() === '' ? 'is-empty' : 'has-problem';
}
