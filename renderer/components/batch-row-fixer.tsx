import { useEffect, useId, useRef, type KeyboardEvent } from 'react';

import type { BatchRow } from '../../core/batch/batch-schemas.ts';

interface BatchRowFixerProps {
  row: BatchRow;
  /** The inputs JSON the user is editing for this row. */
  inputsText: string;
  /** The problems of `inputsText`, from the same check the main process runs before sending. */
  problems: readonly string[];
  onChange: (inputsText: string) => void;
  /** Restores the row's inputs as loaded from the file. */
  onReset: () => void;
  /** Hides the editor. The batch view keeps the text, so reopening the editor shows it again. */
  onClose: () => void;
}

/**
 * Edits the inputs JSON of one row that has problems, and lists the problems that remain after
 * each change. Escape closes the editor, like the Close button.
 */
export function BatchRowFixer({
  row,
  inputsText,
  problems,
  onChange,
  onReset,
  onClose,
}: BatchRowFixerProps) {
  const baseId = useId();
  const textareaRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    textareaRef.current?.focus();
  }, []);

  function handleKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    onClose();
  }

  return (
    <div
      className="batch-row-fixer"
      role="group"
      aria-labelledby={`${baseId}-heading`}
      onKeyDown={handleKeyDown}
    >
      <h4 id={`${baseId}-heading`}>
        Fix row {row.rowNumber} (line {row.line})
      </h4>
      <p className="muted">Loaded from the file: {row.problems.join(' ')}</p>
      <label htmlFor={`${baseId}-inputs`}>Inputs JSON for row {row.rowNumber}</label>
      <textarea
        id={`${baseId}-inputs`}
        ref={textareaRef}
        rows={6}
        value={inputsText}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        aria-describedby={`${baseId}-check`}
        aria-invalid={problems.length > 0}
        onChange={(event) => onChange(event.target.value)}
      />
      <div id={`${baseId}-check`} role="status">
        {problems.length === 0 ? (
          <p>These inputs are valid, so row {row.rowNumber} will be sent.</p>
        ) : (
          <>
            <p>Row {row.rowNumber} will be skipped until these problems are fixed:</p>
            <ul aria-label={`Problems in row ${row.rowNumber}`}>
              {problems.map((problem, index) => (
                <li key={`${index}-${problem}`}>{problem}</li>
              ))}
            </ul>
          </>
        )}
      </div>
      <div className="batch-controls">
        <button type="button" className="button-small" onClick={onClose}>
          Close
        </button>
        <button type="button" className="button-small" onClick={onReset}>
          Restore the file's inputs
        </button>
      </div>
    </div>
  );
}
