import { useId } from 'react';

import {
  encodeFieldValue,
  readFormModel,
  writeInputValue,
  type FormField,
} from '../../core/inputs-form-model.ts';
import type { InputsLintProblem } from '../../core/inputs-lint.ts';
import type { WorkflowSummary } from '../../core/schemas.ts';
import { applyTextFix } from '../apply-text-fix.ts';
import { FileInputField } from './file-input-field.tsx';

interface InputsFormProps {
  workflow: WorkflowSummary;
  text: string;
  problems: readonly InputsLintProblem[];
  /** Replaces the whole inputs text; the JSON view shows the change. */
  onTextChange: (text: string) => void;
  onShowJson: () => void;
}

/**
 * Renders a form of the workflow's declared inputs that edits the same JSON text as the JSON view, one
 * value at a time, so names it does not show stay exactly as written.
 */
export function InputsForm({
  workflow,
  text,
  problems,
  onTextChange,
  onShowJson,
}: InputsFormProps) {
  const model = readFormModel(text, workflow.inputs);

  if (!model.ok) {
    const syntax = problems.find(
      (problem) => problem.rule === 'syntax' || problem.rule === 'not-object',
    );
    return (
      <div className="inputs-form is-blocked">
        <p>{model.reason}</p>
        {syntax && (
          <p className="field-error">{`Line ${syntax.line}, column ${syntax.column}: ${syntax.message}`}</p>
        )}
        <button type="button" onClick={onShowJson}>
          Fix it in the JSON view
        </button>
      </div>
    );
  }

  function handleValue(field: FormField, value: string | boolean) {
    const next = writeInputValue(
      text,
      field.input.variableName,
      encodeFieldValue(field.kind, value),
    );
    if (next !== undefined) onTextChange(next);
  }

  return (
    <div className="inputs-form">
      {model.fields.length === 0 && <p className="muted">{workflow.name} declares no inputs.</p>}
      {model.fields.map((field) => (
        <InputsFormField
          key={field.input.variableName}
          appId={workflow.id}
          field={field}
          problems={problems.filter((problem) => problem.inputName === field.input.variableName)}
          onValue={(value) => handleValue(field, value)}
          onFix={(problem) => problem.fix && onTextChange(applyTextFix(text, problem.fix))}
        />
      ))}
      {model.otherNames.length > 0 && (
        <p className="muted other-names">
          Also in the JSON and kept as written:{' '}
          {model.otherNames.map((name) => `"${name}"`).join(', ')}.
        </p>
      )}
    </div>
  );
}

interface InputsFormFieldProps {
  appId: string;
  field: FormField;
  problems: readonly InputsLintProblem[];
  onValue: (value: string | boolean) => void;
  onFix: (problem: InputsLintProblem) => void;
}

function InputsFormField({ appId, field, problems, onValue, onFix }: InputsFormFieldProps) {
  const id = useId();
  const { input, kind, display } = field;
  const hintId = `${id}-hint`;
  const labelId = `${id}-label`;
  const errorId = `${id}-error`;
  const hasProblem = problems.length > 0;
  const isInvalid = problems.some((problem) => problem.severity === 'error');
  const describedBy =
    [input.description || kind === 'unknown' ? hintId : '', hasProblem ? errorId : '']
      .filter(Boolean)
      .join(' ') || undefined;
  const common = {
    id,
    'aria-describedby': describedBy,
    'aria-invalid': isInvalid || undefined,
    'aria-required': input.required || undefined,
  };

  function renderControl() {
    switch (kind) {
      case 'long-text':
        return (
          <textarea
            {...common}
            rows={4}
            value={display}
            onChange={(event) => onValue(event.target.value)}
          />
        );
      case 'number':
        return (
          <input
            {...common}
            type="text"
            inputMode="decimal"
            value={display}
            onChange={(event) => onValue(event.target.value)}
          />
        );
      case 'boolean':
        // Two radio buttons rather than a checkbox, because a yes/no input has a third state, not
        // filled in (null or absent), which an unticked box would show as false.
        return (
          <div
            className="yes-no-choice"
            role="radiogroup"
            aria-labelledby={labelId}
            aria-describedby={describedBy}
            aria-invalid={isInvalid || undefined}
            aria-required={input.required || undefined}
          >
            {YES_NO_CHOICES.map((choice) => (
              <label key={choice.label}>
                <input
                  type="radio"
                  name={id}
                  checked={field.isPresent && display === String(choice.value)}
                  onChange={() => onValue(choice.value)}
                />{' '}
                {choice.label}
              </label>
            ))}
          </div>
        );
      case 'file':
        return (
          <FileInputField
            appId={appId}
            label={input.displayName}
            fileId={display}
            describedBy={describedBy}
            isInvalid={isInvalid}
            isRequired={input.required}
            onFileIdChange={onValue}
          />
        );
      default:
        return (
          <input
            {...common}
            type="text"
            value={display}
            onChange={(event) => onValue(event.target.value)}
          />
        );
    }
  }

  return (
    <div className="form-field">
      {kind === 'file' || kind === 'boolean' ? (
        <span id={labelId} className="form-label">
          {input.displayName}
          {input.required && <span className="required-mark"> (required)</span>}
        </span>
      ) : (
        <label className="form-label" htmlFor={id}>
          {input.displayName}
          {input.required && <span className="required-mark"> (required)</span>}
        </label>
      )}
      {renderControl()}
      {(input.description || kind === 'unknown') && (
        <p id={hintId} className="form-hint">
          {input.description}
          {kind === 'unknown' && ` Type: ${input.variableType}, sent as text.`}
        </p>
      )}
      {hasProblem && (
        <div id={errorId} className="field-error">
          {problems.map((problem, index) => (
            <p key={`${problem.rule}-${index}`}>
              {describeFieldProblem(problem, field)}{' '}
              {problem.fix && problem.rule !== 'missing-required' && (
                <button type="button" className="button-small" onClick={() => onFix(problem)}>
                  {problem.fix.title}
                </button>
              )}
            </p>
          ))}
        </div>
      )}
    </div>
  );
}

const YES_NO_CHOICES = [
  { label: 'Yes (true)', value: true },
  { label: 'No (false)', value: false },
] as const;

/**
 * Describes a field's problem in the form's terms. The lint's messages for an empty value tell
 * how to fill in the JSON text (quotes, null), which the form does not show.
 */
function describeFieldProblem(problem: InputsLintProblem, field: FormField): string {
  if (problem.rule === 'missing-required' || problem.rule === 'empty-required') {
    return 'Required: fill this in before sending.';
  }
  if (problem.rule === 'wrong-type' && field.isNull) {
    return 'Not filled in, so null is sent, which gives this input no value.';
  }
  return problem.message;
}
