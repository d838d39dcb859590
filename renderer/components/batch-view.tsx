import { useEffect, useId, useRef, useState, type ChangeEvent, type DragEvent } from 'react';

import type { BatchProgress, BatchRow, BatchRowResult } from '../../core/batch/batch-schemas.ts';
import { checkInputsText } from '../../core/batch/check-rows.ts';
import type { LoadedRowsView } from '../../core/contract/batch.ts';
import { MAX_ROWS_FILE_BYTES } from '../../core/csv-rows.ts';
import type { WorkflowSummary } from '../../core/schemas.ts';
import { problemFromError, problemFromFailure, type Problem } from '../problem.ts';
import { BatchResultsTable } from './batch-results-table.tsx';
import { BatchRowFixer } from './batch-row-fixer.tsx';
import { FailureNotice } from './failure-notice.tsx';
import { WorkflowPicker } from './workflow-picker.tsx';

interface BatchViewProps {
  isConnected: boolean;
  connectionKey: string;
  /** Called with each workflow the user picks, so the header can offer the key it last ran with. */
  onPickWorkflow: (workflow: WorkflowSummary) => void;
}

/**
 * Runs a workflow once per row of a CSV, JSON or JSON Lines file: pick the workflow, load the
 * file, check the column mapping and the rows, then start and follow the batch.
 */
export function BatchView({ isConnected, connectionKey, onPickWorkflow }: BatchViewProps) {
  const baseId = useId();
  const [workflow, setWorkflow] = useState<WorkflowSummary | null>(null);
  const [loaded, setLoaded] = useState<LoadedRowsView | null>(null);
  const [fileName, setFileName] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [skipRows, setSkipRows] = useState<Set<number>>(new Set());
  // Inputs JSON typed in the fixer, by row number. It is kept when the fixer closes, and cleared
  // only when another file or workflow replaces the rows.
  const [fixTexts, setFixTexts] = useState<Record<number, string>>({});
  const [openFixRow, setOpenFixRow] = useState<number | null>(null);
  const fixButtons = useRef(new Map<number, HTMLButtonElement>());
  const [concurrency, setConcurrency] = useState('2');
  const [rate, setRate] = useState('');
  const [batchId, setBatchId] = useState<string | null>(null);
  // Events are kept for every batch, because the first results can arrive before the reply
  // that names the new batch.
  const [progressByBatch, setProgressByBatch] = useState<Record<string, BatchProgress>>({});
  const [resultsByBatch, setResultsByBatch] = useState<Record<string, BatchRowResult[]>>({});
  const [isDragOver, setIsDragOver] = useState(false);
  const progress = batchId ? (progressByBatch[batchId] ?? null) : null;
  const results = batchId ? (resultsByBatch[batchId] ?? []) : [];
  const isRunning =
    progress !== null &&
    (progress.state === 'running' || progress.state === 'paused' || progress.state === 'stopping');

  useEffect(() => {
    const removeProgress = window.hatz.batch.onProgress((next) => {
      setProgressByBatch((current) => ({ ...current, [next.batchId]: next }));
    });
    const removeResult = window.hatz.batch.onResult((result) => {
      setResultsByBatch((current) => {
        const others = (current[result.batchId] ?? []).filter(
          (row) => row.rowNumber !== result.rowNumber,
        );
        const rows = [...others, result].sort((left, right) => left.rowNumber - right.rowNumber);
        return { ...current, [result.batchId]: rows };
      });
    });
    return () => {
      removeProgress();
      removeResult();
    };
  }, []);

  async function handleFile(file: File) {
    setProblem(null);
    if (!workflow) {
      setProblem({
        title: 'No workflow chosen',
        detail: "Rows are checked against a workflow's inputs.",
        fix: 'Choose a workflow first, then load the file.',
      });
      return;
    }
    if (file.size > MAX_ROWS_FILE_BYTES) {
      setProblem({
        title: 'File too large',
        detail: `"${file.name}" is ${(file.size / 1048576).toFixed(1)} MB; the limit is ${MAX_ROWS_FILE_BYTES / 1048576} MB.`,
        fix: 'Split the file into smaller files and run them one by one.',
      });
      return;
    }
    try {
      const contentBase64 = encodeBase64(new Uint8Array(await file.arrayBuffer()));
      const result = await window.hatz.batch.load({
        fileName: file.name,
        contentBase64,
        inputs: workflow.inputs,
      });
      if (!result.ok) {
        setProblem(problemFromFailure(result.failure));
        return;
      }
      setFileName(file.name);
      setLoaded(result.value);
      setSkipRows(new Set());
      setFixTexts({});
      setOpenFixRow(null);
      // The results and progress on screen belong to the previous file's batch.
      setBatchId(null);
    } catch (error) {
      setProblem(problemFromError('Loading the rows file', error));
    }
  }

  function handleFileInput(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (file) void handleFile(file);
    event.target.value = '';
  }

  function handleDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setIsDragOver(false);
    const file = event.dataTransfer.files[0];
    if (file && !isRunning) void handleFile(file);
  }

  async function handleAcceptSuggestion(column: string, input: string) {
    if (!loaded || !workflow) return;
    const assignments = { ...loaded.mapping.assignments, [column]: input };
    const result = await window.hatz.batch.remap({
      loadId: loaded.loadId,
      inputs: workflow.inputs,
      assignments,
    });
    if (result.ok) setLoaded(result.value);
    else setProblem(problemFromFailure(result.failure));
  }

  const invalidRows = loaded?.rows.filter((row) => row.problems.length > 0) ?? [];
  // The main process runs the same check again on start, because it does not trust the renderer.
  const fixProblems = new Map<number, string[]>();
  for (const row of invalidRows) {
    const text = fixTexts[row.rowNumber];
    if (text !== undefined) {
      fixProblems.set(row.rowNumber, checkInputsText(text, workflow?.inputs ?? []));
    }
  }
  const fixedRows = invalidRows
    .filter((row) => fixProblems.get(row.rowNumber)?.length === 0)
    .map((row) => ({ rowNumber: row.rowNumber, inputsText: fixTexts[row.rowNumber] ?? '' }));
  const fixedRowNumbers = new Set(fixedRows.map((row) => row.rowNumber));
  const skippedInvalidCount = invalidRows.length - fixedRows.length;
  const runCount =
    loaded?.rows.filter(
      (row) =>
        !skipRows.has(row.rowNumber) &&
        (row.problems.length === 0 || fixedRowNumbers.has(row.rowNumber)),
    ).length ?? 0;
  const concurrencyNumber = Number(concurrency);
  const rateNumber = rate.trim() === '' ? null : Number(rate);
  const settingsProblem =
    !Number.isInteger(concurrencyNumber) || concurrencyNumber < 1 || concurrencyNumber > 20
      ? `Concurrency "${concurrency}" must be a whole number from 1 to 20.`
      : rateNumber !== null && !(rateNumber > 0)
        ? `Rate "${rate}" must be a number of runs per minute above 0, or empty for no limit.`
        : '';

  async function handleStart() {
    if (!loaded || !workflow || settingsProblem || runCount === 0) return;
    setProblem(null);
    try {
      const result = await window.hatz.batch.start({
        loadId: loaded.loadId,
        appId: workflow.id,
        isDraft: false,
        inputs: workflow.inputs,
        assignments: loaded.mapping.assignments,
        skipRows: [...skipRows],
        fixedRows,
        concurrency: concurrencyNumber,
        ratePerMinute: rateNumber,
      });
      if (result.ok) setBatchId(result.value.batchId);
      else setProblem(problemFromFailure(result.failure));
    } catch (error) {
      setProblem(problemFromError('Starting the batch', error));
    }
  }

  function handleOpenFix(row: BatchRow) {
    setFixTexts((current) =>
      current[row.rowNumber] === undefined
        ? { ...current, [row.rowNumber]: formatInputsText(row.inputsText) }
        : current,
    );
    setOpenFixRow(row.rowNumber);
  }

  function handleCloseFix(rowNumber: number) {
    setOpenFixRow(null);
    fixButtons.current.get(rowNumber)?.focus();
  }

  async function handleControl(action: 'pause' | 'resume' | 'stop' | 'retryFailed') {
    if (!batchId) return;
    if (action === 'retryFailed') {
      setResultsByBatch((current) => ({
        ...current,
        [batchId]: (current[batchId] ?? []).filter((row) => !RETRIED_STATUSES.has(row.status)),
      }));
    }
    await window.hatz.batch.control({ batchId, action });
  }

  async function handleExport(format: 'csv' | 'json') {
    if (!batchId) return;
    const result = await window.hatz.batch.exportResults({ batchId, format });
    if (!result.ok) {
      setProblem(problemFromFailure(result.failure));
      return;
    }
    const url = URL.createObjectURL(
      new Blob([result.value.text], { type: format === 'csv' ? 'text/csv' : 'application/json' }),
    );
    const link = document.createElement('a');
    link.href = url;
    link.download = result.value.fileName;
    link.click();
    URL.revokeObjectURL(url);
  }

  const done = progress ? Object.values(progress.counts).reduce((sum, count) => sum + count, 0) : 0;

  return (
    <div className="batch-view">
      <WorkflowPicker
        isConnected={isConnected}
        connectionKey={connectionKey}
        selectedWorkflowId={workflow?.id ?? null}
        onSelect={(next) => {
          onPickWorkflow(next);
          setWorkflow(next);
          setLoaded(null);
          setFixTexts({});
          setOpenFixRow(null);
        }}
      />

      <section className="panel batch-panel" aria-labelledby={`${baseId}-heading`}>
        <h2 id={`${baseId}-heading`}>Batch run</h2>

        <div
          className={isDragOver ? 'batch-drop is-over' : 'batch-drop'}
          onDragOver={(event) => {
            event.preventDefault();
            setIsDragOver(true);
          }}
          onDragLeave={() => setIsDragOver(false)}
          onDrop={handleDrop}
        >
          <p id={`${baseId}-file-label`}>Rows file (CSV, JSON or JSON Lines, up to 20 MB)</p>
          {/* The native input is hidden because it shows "No file chosen" once its value is reset
              for the next pick, while the loaded file's name is shown beside the button. */}
          <label className="button-small file-upload-button">
            Choose a file…
            <input
              type="file"
              className="visually-hidden"
              accept=".csv,.tsv,.txt,.json,.jsonl,.ndjson"
              aria-labelledby={`${baseId}-file-label`}
              disabled={!workflow || isRunning}
              onChange={handleFileInput}
            />
          </label>{' '}
          <span className="batch-file-name" data-testid="batch-file-name">
            {loaded ? `Loaded: ${fileName}` : 'No file loaded.'}
          </span>
          <p className="muted">{describeDropHint(workflow !== null, isRunning)}</p>
        </div>

        {problem && <FailureNotice problem={problem} />}

        {loaded && (
          <>
            <h3>Columns of {fileName}</h3>
            <ul className="batch-mapping" aria-label="Column mapping">
              {loaded.columns.map((column) => {
                const input = loaded.mapping.assignments[column];
                const suggestion = loaded.mapping.suggestions.find(
                  (entry) => entry.column === column,
                );
                return (
                  <li key={column}>
                    <code>{column}</code>{' '}
                    {input ? (
                      `→ ${input}`
                    ) : suggestion ? (
                      <>
                        is not sent: did you mean <code>{suggestion.input}</code>?{' '}
                        <button
                          type="button"
                          className="button-small"
                          onClick={() => void handleAcceptSuggestion(column, suggestion.input)}
                        >
                          Use as {suggestion.input}
                        </button>
                      </>
                    ) : (
                      'is not sent: no input has this name'
                    )}
                  </li>
                );
              })}
            </ul>
            {loaded.mapping.missingRequired.length > 0 && (
              <p className="batch-warning" role="alert">
                No column fills required input{' '}
                {loaded.mapping.missingRequired.map((name) => `"${name}"`).join(', ')}.
              </p>
            )}

            {invalidRows.length > 0 && (
              <>
                <h3>
                  {invalidRows.length} row{invalidRows.length === 1 ? ' has' : 's have'} problems
                </h3>
                <p data-testid="batch-fix-summary">
                  {fixedRows.length} fixed and will be sent, {skippedInvalidCount} will be skipped.
                </p>
                <ul className="batch-invalid-rows" aria-label="Rows with problems">
                  {/* NOTE: only the first 100 rows with problems are listed, so rows after them
                      can be fixed only in the file. */}
                  {invalidRows.slice(0, 100).map((row) => (
                    <li key={row.rowNumber}>
                      Row {row.rowNumber} (line {row.line}): {row.problems.join(' ')}{' '}
                      {fixedRowNumbers.has(row.rowNumber) && <strong>Fixed, will be sent.</strong>}{' '}
                      <button
                        type="button"
                        className="button-small"
                        aria-expanded={openFixRow === row.rowNumber}
                        ref={(button) => {
                          if (button) fixButtons.current.set(row.rowNumber, button);
                          else fixButtons.current.delete(row.rowNumber);
                        }}
                        onClick={() =>
                          openFixRow === row.rowNumber
                            ? handleCloseFix(row.rowNumber)
                            : handleOpenFix(row)
                        }
                      >
                        Fix row {row.rowNumber}
                      </button>
                      {openFixRow === row.rowNumber && (
                        <BatchRowFixer
                          row={row}
                          inputsText={fixTexts[row.rowNumber] ?? ''}
                          problems={fixProblems.get(row.rowNumber) ?? []}
                          onChange={(text) =>
                            setFixTexts((current) => ({ ...current, [row.rowNumber]: text }))
                          }
                          onReset={() =>
                            setFixTexts((current) => ({
                              ...current,
                              [row.rowNumber]: formatInputsText(row.inputsText),
                            }))
                          }
                          onClose={() => handleCloseFix(row.rowNumber)}
                        />
                      )}
                    </li>
                  ))}
                </ul>
                <p className="muted">
                  Fix a row here, or fix the file and load it again, to include it in the batch.
                </p>
              </>
            )}

            <div className="batch-settings">
              <label htmlFor={`${baseId}-concurrency`}>Runs at once</label>
              <input
                id={`${baseId}-concurrency`}
                type="number"
                min={1}
                max={20}
                value={concurrency}
                onChange={(event) => setConcurrency(event.target.value)}
              />
              <label htmlFor={`${baseId}-rate`}>Runs per minute (empty: no limit)</label>
              <input
                id={`${baseId}-rate`}
                type="number"
                min={1}
                value={rate}
                onChange={(event) => setRate(event.target.value)}
              />
            </div>
            {settingsProblem && (
              <p className="batch-warning" role="alert">
                {settingsProblem}
              </p>
            )}

            <p className="batch-credit-warning">
              {runCount} run{runCount === 1 ? '' : 's'} will be sent. Each run uses Hatz credits,
              even when a later step fails.
            </p>
            <div className="batch-controls">
              <button
                type="button"
                className="button-primary"
                disabled={isRunning || runCount === 0 || settingsProblem !== ''}
                onClick={() => void handleStart()}
              >
                Start {runCount} runs
              </button>
              <button
                type="button"
                disabled={progress?.state !== 'running'}
                onClick={() => void handleControl('pause')}
              >
                Pause
              </button>
              <button
                type="button"
                disabled={progress?.state !== 'paused'}
                onClick={() => void handleControl('resume')}
              >
                Resume
              </button>
              <button
                type="button"
                disabled={!isRunning}
                onClick={() => void handleControl('stop')}
              >
                Stop
              </button>
              <button
                type="button"
                disabled={
                  isRunning ||
                  !progress ||
                  progress.counts.failed +
                    progress.counts.cancelled +
                    progress.counts['not-sent'] ===
                    0
                }
                onClick={() => void handleControl('retryFailed')}
              >
                Retry failed
              </button>
            </div>
          </>
        )}

        {progress && (
          <div className="batch-progress">
            <progress max={progress.total} value={done} aria-label="Batch progress" />
            <p role="status" data-testid="batch-status">
              {progress.state}: {done} of {progress.total} done, {progress.counts.completed}{' '}
              completed, {progress.counts.failed} failed, {progress.inFlight} running
              {progress.etaMs !== null && progress.etaMs > 0
                ? `, about ${Math.ceil(progress.etaMs / 1000)} s left`
                : ''}
              {progress.rateLimited > 0
                ? `, slowed down after ${progress.rateLimited} rate-limit replies`
                : ''}
            </p>
            <div className="batch-controls">
              <button
                type="button"
                disabled={results.length === 0}
                onClick={() => void handleExport('csv')}
              >
                Export CSV
              </button>
              <button
                type="button"
                disabled={results.length === 0}
                onClick={() => void handleExport('json')}
              >
                Export JSON
              </button>
            </div>
          </div>
        )}

        <BatchResultsTable results={results} />
      </section>
    </div>
  );
}

function describeDropHint(hasWorkflow: boolean, isRunning: boolean): string {
  if (!hasWorkflow) return 'Choose a workflow first.';
  if (isRunning) return 'Stop the batch or let it finish before loading another file.';
  return 'Or drop the file here.';
}

/** Indents a row's inputs JSON for editing, or returns it unchanged if it cannot be parsed. */
function formatInputsText(inputsText: string): string {
  try {
    return JSON.stringify(JSON.parse(inputsText), null, 2);
  } catch {
    return inputsText;
  }
}

const RETRIED_STATUSES = new Set<BatchRowResult['status']>(['failed', 'cancelled', 'not-sent']);

/** Encodes bytes as base64 in slices, because spreading a large array into one call overflows. */
function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  }
  return btoa(binary);
}
