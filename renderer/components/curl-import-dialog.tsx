import { useId, useRef, useState } from 'react';

import type { CurlImportSummary } from '../../core/contract/inputs.ts';
import type { ConnectionInfo } from '../../core/ipc-contract.ts';
import type { WorkflowSummary } from '../../core/schemas.ts';
import { loadWorkflowById } from '../manual-workflow.ts';
import { problemFromFailure, type Problem } from '../problem.ts';
import { useBusyAction } from '../use-busy-action.ts';
import { FailureNotice } from './failure-notice.tsx';

/** Parts of the request that a cURL command fills in; a part is absent when the command lacks it. */
export interface CurlRequestFill {
  workflow?: WorkflowSummary;
  inputsText?: string;
  isDraft?: boolean;
}

interface CurlImportDialogProps {
  connection: ConnectionInfo | null;
  onConnectionChange: (connection: ConnectionInfo) => void;
  onApply: (fill: CurlRequestFill) => void;
}

/**
 * Renders a dialog to paste a cURL command, see what the app read from it and what it ignored, fill in
 * the request, and store the key it contains as a named key, only when asked.
 */
export function CurlImportDialog({
  connection,
  onConnectionChange,
  onApply,
}: CurlImportDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const baseId = useId();
  const [command, setCommand] = useState('');
  const [summary, setSummary] = useState<CurlImportSummary | null>(null);
  // The masked text after a successful read. Reading it again would take the mask for the key.
  const [readCommand, setReadCommand] = useState<string | null>(null);
  const { isBusy, problem, setProblem, runAction } = useBusyAction();
  // A gap left by "Fill in the request", shown beside the opener because the dialog has closed.
  const [applyProblem, setApplyProblem] = useState<Problem | null>(null);
  const [keyLabel, setKeyLabel] = useState('Key from cURL');
  const [keyMessage, setKeyMessage] = useState('');

  function handleOpen() {
    setProblem(null);
    setApplyProblem(null);
    dialogRef.current?.showModal();
  }

  /** Closes the dialog and drops the pasted command, so its key does not stay on screen. */
  function handleClose() {
    dialogRef.current?.close();
    setCommand('');
    setReadCommand(null);
    setSummary(null);
    setKeyMessage('');
    openerRef.current?.focus();
  }

  function handleRead() {
    void runAction('Reading the cURL command', async () => {
      setSummary(null);
      setKeyMessage('');
      const result = await window.hatz.inputs.parseCurl({ command });
      if (!result.ok) {
        setProblem(problemFromFailure(result.failure));
        return;
      }
      setSummary(result.value);
      // The main process keeps the key for "Store the key", so the text on screen does not need
      // it any more.
      const masked = maskApiKey(command, result.value.keyLastFour);
      setCommand(masked);
      setReadCommand(masked);
    });
  }

  function handleStoreKey() {
    if (!summary) return;
    void runAction('Storing the key', async () => {
      const result = await window.hatz.inputs.storeCurlKey({
        importId: summary.importId,
        label: keyLabel,
      });
      if (!result.ok) {
        setProblem(problemFromFailure(result.failure));
        return;
      }
      onConnectionChange(result.value);
      setKeyMessage(`Stored as "${keyLabel}" and made the active key.`);
    });
  }

  function handleApply() {
    if (!summary) return;
    void runAction('Filling in the request', async () => {
      const loaded = summary.appId ? await loadWorkflowById(summary.appId) : undefined;
      onApply({
        workflow: loaded?.workflow,
        inputsText: summary.inputsText,
        isDraft: summary.isDraft,
      });
      handleClose();
      if (loaded?.problem) {
        setApplyProblem({
          title: 'Filled in, with one gap',
          detail: loaded.problem,
          fix: loaded.fix ?? 'Check the app id.',
        });
      }
    });
  }

  const isOtherServer =
    summary?.baseUrl !== undefined && connection !== null && summary.baseUrl !== connection.baseUrl;

  return (
    <>
      <button ref={openerRef} type="button" className="button-small" onClick={handleOpen}>
        Import cURL…
      </button>
      {applyProblem && <FailureNotice problem={applyProblem} />}
      <dialog
        ref={dialogRef}
        className="curl-dialog"
        aria-labelledby={`${baseId}-title`}
        onClose={handleClose}
      >
        <h2 id={`${baseId}-title`}>Import a cURL command</h2>
        <p className="muted">
          Paste the command from a workflow's "Run via Webhook" panel, or one from a colleague.
          Bash, Windows cmd and PowerShell quoting all work.
        </p>
        <label className="field-label" htmlFor={`${baseId}-command`}>
          cURL command
        </label>
        <textarea
          id={`${baseId}-command`}
          className="curl-command"
          rows={7}
          spellCheck={false}
          value={command}
          onChange={(event) => setCommand(event.target.value)}
        />
        <div className="dialog-actions">
          <button
            type="button"
            disabled={isBusy || command.trim() === '' || command === readCommand}
            onClick={handleRead}
          >
            Read command
          </button>
          <button type="button" onClick={handleClose}>
            Close
          </button>
        </div>

        {problem && <FailureNotice problem={problem} />}

        {summary && (
          <section className="curl-summary" aria-label="What the command contains">
            <dl>
              <dt>Base URL</dt>
              <dd>{summary.baseUrl ?? 'not found'}</dd>
              <dt>App id</dt>
              <dd>{summary.appId ?? 'not found'}</dd>
              <dt>Draft run</dt>
              <dd>{describeDraft(summary.isDraft)}</dd>
              <dt>Inputs</dt>
              <dd>
                <pre>{summary.inputsText ?? 'not found'}</pre>
              </dd>
              <dt>Read as</dt>
              <dd>{describeShell(summary.shell)}</dd>
            </dl>
            {summary.notes.length > 0 && (
              <>
                <h3>What was ignored or cannot be used</h3>
                <ul className="curl-notes">
                  {summary.notes.map((note) => (
                    <li key={note}>{note}</li>
                  ))}
                </ul>
              </>
            )}
            {isOtherServer && (
              <p className="notice-warning">
                The command sends to {summary.baseUrl}, but requests now go to {connection?.baseUrl}
                . Store its key to send there.
              </p>
            )}
            {summary.keyLastFour !== null && (
              <div className="curl-key">
                <p>
                  The command contains an API key
                  {summary.keyLastFour ? ` ending in ${summary.keyLastFour}` : ''}. It is not stored
                  unless you choose to.
                </p>
                <label className="field-label" htmlFor={`${baseId}-label`}>
                  Name for the key
                </label>
                <input
                  id={`${baseId}-label`}
                  type="text"
                  maxLength={100}
                  value={keyLabel}
                  onChange={(event) => setKeyLabel(event.target.value)}
                />
                <button
                  type="button"
                  disabled={isBusy || keyLabel.trim() === ''}
                  onClick={handleStoreKey}
                >
                  Store the key
                </button>
                <p role="status">{keyMessage}</p>
              </div>
            )}
            <div className="dialog-actions">
              <button
                type="button"
                className="button-primary"
                disabled={isBusy}
                onClick={handleApply}
              >
                Fill in the request
              </button>
            </div>
          </section>
        )}
      </dialog>
    </>
  );
}

/** Header names whose value is the key: `X-API-Key: KEY` and `Authorization: Bearer KEY`. */
const KEY_HEADER_VALUE = /(x-api-key\s*:\s*|authorization\s*:\s*bearer\s+)([^\s"'`^]+)/gi;

/**
 * Replaces every occurrence of the key that the command sends with `••••` and its last four
 * characters. Only a header value ending in `lastFour`, the ending the main process read, counts as
 * the key, so a placeholder such as `$HATZ_API_KEY` stays as it is.
 */
export function maskApiKey(command: string, lastFour: string | null): string {
  if (!lastFour) return command;

  const keys = new Set<string>();
  for (const match of command.matchAll(KEY_HEADER_VALUE)) {
    const value = match[2] ?? '';
    if (value.endsWith(lastFour) && !value.startsWith('••••')) keys.add(value);
  }
  let masked = command;
  for (const key of keys) masked = masked.split(key).join(`••••${lastFour}`);
  return masked;
}

function describeDraft(isDraft: boolean | undefined): string {
  if (isDraft === undefined) return 'not set';
  return isDraft ? 'yes' : 'no';
}

function describeShell(shell: CurlImportSummary['shell']): string {
  switch (shell) {
    case 'bash':
      return 'bash (macOS, Linux)';
    case 'cmd':
      return 'Windows Command Prompt';
    case 'powershell':
      return 'PowerShell';
  }
}
