import { useId, useRef, useState } from 'react';

import type { CurlImportSummary } from '../../core/contract/inputs.ts';
import type { ConnectionInfo } from '../../core/ipc-contract.ts';
import type { WorkflowSummary } from '../../core/schemas.ts';
import { loadWorkflowById } from '../manual-workflow.ts';
import { problemFromError, problemFromFailure, type Problem } from '../problem.ts';
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
  const baseId = useId();
  const [command, setCommand] = useState('');
  const [summary, setSummary] = useState<CurlImportSummary | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [keyLabel, setKeyLabel] = useState('Key from cURL');
  const [keyMessage, setKeyMessage] = useState('');
  const [isBusy, setIsBusy] = useState(false);

  function handleOpen() {
    setProblem(null);
    dialogRef.current?.showModal();
  }

  /** Closes the dialog and drops the pasted command, so its key does not stay on screen. */
  function handleClose() {
    dialogRef.current?.close();
    setCommand('');
    setSummary(null);
    setKeyMessage('');
  }

  async function runAction(operation: string, action: () => Promise<void>) {
    setIsBusy(true);
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem(problemFromError(operation, error));
    } finally {
      setIsBusy(false);
    }
  }

  function handleRead() {
    void runAction('Reading the cURL command', async () => {
      setSummary(null);
      setKeyMessage('');
      const result = await window.hatz.inputs.parseCurl({ command });
      if (result.ok) setSummary(result.value);
      else setProblem(problemFromFailure(result.failure));
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
      if (loaded?.problem) {
        setProblem({
          title: 'Filled in, with one gap',
          detail: loaded.problem,
          fix: 'Check the app id.',
        });
        return;
      }
      handleClose();
    });
  }

  const isOtherServer =
    summary?.baseUrl !== undefined && connection !== null && summary.baseUrl !== connection.baseUrl;

  return (
    <>
      <button type="button" className="button-small" onClick={handleOpen}>
        Import cURL…
      </button>
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
          <button type="button" disabled={isBusy || command.trim() === ''} onClick={handleRead}>
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
