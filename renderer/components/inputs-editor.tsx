import { lazy, Suspense, useDeferredValue, useId, useMemo, useRef, useState } from 'react';

import { lintInputs, type InputsLintProblem } from '../../core/inputs-lint.ts';
import { buildInputsJsonSchema } from '../../core/inputs-schema.ts';
import type { WorkflowSummary } from '../../core/schemas.ts';
import { applyTextFix } from '../apply-text-fix.ts';
import { DeclaredInputsTable } from './declared-inputs-table.tsx';
import { EditorLoadBoundary } from './editor-load-boundary.tsx';
import { InputsForm } from './inputs-form.tsx';
import { InputsProblemList } from './inputs-problem-list.tsx';
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
  /** Reports an edit the code editor or text box made itself. */
  onTextChange: (text: string) => void;
  /** Replaces the text from outside the code editor (form, fix buttons), which then shows it. */
  onReplaceText: (text: string) => void;
  onResetToTemplate: () => void;
  onSend: () => void;
}

type InputsView = 'json' | 'form';

/**
 * Renders the inputs object as JSON text (in Monaco once loaded, in a plain text box before) or
 * as a form, both editing the same text, with the lint's problems marked in either.
 */
export function InputsEditor(props: InputsEditorProps) {
  const { workflow, text, textRevision, template, onTextChange, onReplaceText } = props;
  const { onResetToTemplate, onSend } = props;
  const headingId = useId();
  const syntaxLineId = useId();
  const isFallbackFocusedRef = useRef(false);
  const [view, setView] = useState<InputsView>('json');

  // Linting a large text on every key press would make typing lag, so the lint may trail behind.
  const deferredText = useDeferredValue(text);
  const declaredInputs = workflow?.inputs ?? null;
  const problems = useMemo(
    () => lintInputs(deferredText, declaredInputs),
    [deferredText, declaredInputs],
  );
  const schema = useMemo(
    () => (declaredInputs ? buildInputsJsonSchema(declaredInputs) : null),
    [declaredInputs],
  );

  const canReset = template !== null && text.trim() !== template.trim();
  const isFormView = view === 'form' && workflow !== null;

  function handleFix(problem: InputsLintProblem) {
    // The fix's offsets belong to the text that was linted, which may trail the newest text.
    if (problem.fix && deferredText === text) onReplaceText(applyTextFix(text, problem.fix));
  }

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
        <div className="view-switch" role="group" aria-label="Edit inputs as">
          <button
            type="button"
            className="button-small"
            aria-pressed={!isFormView}
            onClick={() => setView('json')}
          >
            JSON
          </button>
          <button
            type="button"
            className="button-small"
            aria-pressed={isFormView}
            disabled={workflow === null}
            onClick={() => setView('form')}
          >
            Form
          </button>
        </div>
        {/* The text box and Monaco carry this name themselves; hidden here so it is read once. */}
        {!isFormView && (
          <span className="field-label" aria-hidden="true">
            Inputs (JSON)
          </span>
        )}
        {canReset && (
          <button type="button" className="button-small" onClick={onResetToTemplate}>
            Reset to template
          </button>
        )}
      </div>

      {isFormView && workflow && (
        <InputsForm
          workflow={workflow}
          text={text}
          problems={deferredText === text ? problems : []}
          onTextChange={onReplaceText}
          onShowJson={() => setView('json')}
        />
      )}
      {/* Monaco stays mounted while the form shows, so its undo history survives a switch. */}
      <div className="json-view" hidden={isFormView}>
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
              problems={problems}
              lintedText={deferredText}
              schema={schema}
            />
          </Suspense>
        </EditorLoadBoundary>
      </div>

      <p id={syntaxLineId} className={`syntax-line ${describeSummaryTone(text, problems)}`}>
        {describeProblems(problems)}
      </p>
      <InputsProblemList problems={problems} onFix={handleFix} />
    </section>
  );
}

function describeProblems(problems: readonly InputsLintProblem[]): string {
  if (problems.length === 0) return 'The inputs are valid.';
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  const warnings = problems.length - errors;
  const parts = [
    errors > 0 ? `${errors} ${errors === 1 ? 'error' : 'errors'}` : '',
    warnings > 0 ? `${warnings} ${warnings === 1 ? 'warning' : 'warnings'}` : '',
  ].filter(Boolean);
  const verdict = errors > 0 ? 'Fix the errors before sending.' : 'The inputs can be sent.';
  return `${parts.join(' and ')}. ${verdict}`;
}

/** Picks the line's style. Empty text is where everyone starts, so it reads as a hint, not an error. */
function describeSummaryTone(text: string, problems: readonly InputsLintProblem[]): string {
  if (problems.length === 0) return 'is-valid';
  if (text.trim() === '') return 'is-empty';
  return problems.some((problem) => problem.severity === 'error') ? 'has-problem' : 'is-empty';
}
