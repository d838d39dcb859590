import { useEffect, useId, useRef, useState, type FormEvent } from 'react';

import type { ConnectionInfo } from '../../core/ipc-contract.ts';
import { focusFirstAvailable, isFocusLost } from '../focus-after-removal.ts';
import { problemFromFailure, type Problem } from '../problem.ts';
import { useBusyAction } from '../use-busy-action.ts';
import { FailureNotice } from './failure-notice.tsx';
import { KeySwitcher, type PickedWorkflow } from './key-switcher.tsx';
import { API_KEY_INPUT, BASE_URL_INPUT, TextField } from './text-field.tsx';
import { WORKFLOW_SEARCH_ATTRIBUTE } from './workflow-picker.tsx';

const DEFAULT_BASE_URL = 'https://ai.hatz.ai/v1';

interface ConnectionBarProps {
  /** Null while the first `connection.get` is still on its way. */
  connection: ConnectionInfo | null;
  /** The workflow the user last chose, for the offer of the key it last ran with. */
  pickedWorkflow: PickedWorkflow | null;
  loadProblem: Problem | null;
  onConnectionChange: (connection: ConnectionInfo) => void;
}

/** Shows where requests go and with which key, and lets the user pick the sandbox or a key. */
export function ConnectionBar({
  connection,
  pickedWorkflow,
  loadProblem,
  onConnectionChange,
}: ConnectionBarProps) {
  const [isChangingKey, setIsChangingKey] = useState(false);
  const { isBusy, problem, setProblem, runAction: runBusyAction } = useBusyAction();
  // The message names the connection it was written for, so a change made elsewhere (the key
  // switcher, the Keys view, a cURL import) hides it instead of leaving it out of date.
  const [status, setStatus] = useState<{ message: string; connection: ConnectionInfo } | null>(
    null,
  );
  const statusMessage = status && status.connection === connection ? status.message : '';

  const isConnected = connection !== null && (connection.key !== null || connection.isSandbox);
  const isSetupOpen = connection !== null && (!isConnected || isChangingKey);
  const isFocusPendingRef = useRef(false);
  const addKeyButtonRef = useRef<HTMLButtonElement>(null);
  const setupRef = useRef<HTMLDivElement>(null);

  // "Use practice sandbox", "Save key" and "Forget key" remove themselves once they succeed, and
  // the browser then drops focus to <body>. Focus moves to the next step instead: the workflow
  // search once connected, or the setup form once the key is forgotten. Focus the user moved
  // elsewhere in the meantime is left alone.
  useEffect(() => {
    if (!isFocusPendingRef.current) return;
    isFocusPendingRef.current = false;
    if (!isFocusLost()) return;
    if (isSetupOpen) {
      focusFirstAvailable([setupRef.current?.querySelector('button, input')]);
      return;
    }
    const searchFields = document.querySelectorAll(`[${WORKFLOW_SEARCH_ATTRIBUTE}]`);
    focusFirstAvailable([...searchFields, addKeyButtonRef.current]);
  }, [connection, isSetupOpen]);

  function applyConnection(next: ConnectionInfo, message: string) {
    isFocusPendingRef.current = true;
    onConnectionChange(next);
    setIsChangingKey(false);
    setProblem(null);
    setStatus({ message, connection: next });
  }

  function handleSwitcherConnectionChange(next: ConnectionInfo, message?: string) {
    onConnectionChange(next);
    setStatus({ message: message ?? describeActiveConnection(next), connection: next });
  }

  /** Runs one bridge call with the buttons disabled, after clearing the last outcome. */
  function runAction(operation: string, action: () => Promise<void>) {
    setStatus(null);
    return runBusyAction(operation, action);
  }

  function handleUseSandbox() {
    void runAction('Starting the practice sandbox', async () => {
      const result = await window.hatz.connection.useSandbox();
      if (result.ok) applyConnection(result.value, 'Using the practice sandbox.');
      else setProblem(problemFromFailure(result.failure));
    });
  }

  function handleForgetKey() {
    void runAction('Forgetting the key', async () => {
      applyConnection(await window.hatz.connection.forgetKey(), 'Key forgotten.');
    });
  }

  async function handleSaveKey(request: { apiKey: string; baseUrl: string; label: string }) {
    let isSaved = false;
    await runAction('Saving the key', async () => {
      const result = await window.hatz.connection.saveKey(request);
      if (result.ok) applyConnection(result.value, 'Key saved.');
      else setProblem(problemFromFailure(result.failure));
      isSaved = result.ok;
    });
    return isSaved;
  }

  return (
    <section className="connection-bar" aria-label="Connection">
      {connection === null ? (
        <p className="muted">
          {loadProblem ? 'Could not read the connection.' : 'Reading the connection…'}
        </p>
      ) : (
        <ConnectionSummary connection={connection} isConnected={isConnected} />
      )}

      {connection !== null && (
        <KeySwitcher
          connection={connection}
          pickedWorkflow={pickedWorkflow}
          isBusy={isBusy}
          onConnectionChange={handleSwitcherConnectionChange}
          onProblem={setProblem}
        />
      )}

      {isConnected && (
        <div className="connection-actions">
          <button
            ref={addKeyButtonRef}
            type="button"
            aria-expanded={isChangingKey}
            disabled={isBusy}
            onClick={() => setIsChangingKey(!isChangingKey)}
          >
            {isChangingKey ? 'Keep current connection' : 'Add a key'}
          </button>
          {connection?.key && (
            <button type="button" disabled={isBusy} onClick={handleForgetKey}>
              Forget key
            </button>
          )}
        </div>
      )}

      {connection?.storageWarning && <p className="notice-warning">{connection.storageWarning}</p>}

      <p className="status-message connection-status" role="status">
        {statusMessage}
      </p>
      <div className="connection-problems" aria-live="polite">
        {loadProblem && <FailureNotice problem={loadProblem} />}
        {problem && <FailureNotice problem={problem} />}
      </div>

      {isSetupOpen && (
        <div ref={setupRef} className="connection-setup">
          {!connection.isSandbox && (
            <div className="sandbox-offer">
              <button
                type="button"
                className="button-primary"
                disabled={isBusy}
                onClick={handleUseSandbox}
              >
                Use practice sandbox
              </button>
              <span className="muted">
                Try sample workflows on this computer, no key or credits needed.
              </span>
            </div>
          )}
          <KeyForm
            initialBaseUrl={
              connection.isSandbox ? DEFAULT_BASE_URL : connection.baseUrl || DEFAULT_BASE_URL
            }
            isBusy={isBusy}
            onSave={handleSaveKey}
          />
        </div>
      )}
    </section>
  );
}

function describeActiveConnection(connection: ConnectionInfo): string {
  if (connection.isSandbox) return 'Using the practice sandbox.';
  if (connection.key) {
    const ending = connection.key.lastFour ? ` (ending in ${connection.key.lastFour})` : '';
    return `Using the key ${connection.key.label}${ending}.`;
  }
  return 'No key is active.';
}

interface ConnectionSummaryProps {
  connection: ConnectionInfo;
  isConnected: boolean;
}

function ConnectionSummary({ connection, isConnected }: ConnectionSummaryProps) {
  if (!isConnected) {
    return (
      <p className="connection-summary">
        No API key yet. Use the practice sandbox, or paste a key from Hatz.
      </p>
    );
  }

  return (
    <dl className="connection-summary">
      <div>
        <dt>Requests go to</dt>
        <dd>
          <code>{connection.baseUrl}</code>
        </dd>
      </div>
      <div>
        <dt>Key</dt>
        <dd>
          {connection.key ? (
            <>
              {connection.key.label}{' '}
              <code>
                <span aria-hidden="true">••••</span>
                <span className="visually-hidden">ending in </span>
                {connection.key.lastFour}
              </code>
            </>
          ) : (
            'none needed'
          )}
          {connection.isSandbox && <span className="badge">Practice sandbox</span>}
        </dd>
      </div>
    </dl>
  );
}

interface KeyFormProps {
  initialBaseUrl: string;
  isBusy: boolean;
  /** Resolves with true once the key is saved; the field keeps a key that was not saved. */
  onSave: (request: { apiKey: string; baseUrl: string; label: string }) => Promise<boolean>;
}

/**
 * Renders the paste-a-key form. The key leaves the form's state once the main process has saved
 * it, and stays in the field when saving fails, so the user can correct it instead of pasting again.
 */
function KeyForm({ initialBaseUrl, isBusy, onSave }: KeyFormProps) {
  const [apiKey, setApiKey] = useState('');
  const [label, setLabel] = useState('');
  const [baseUrl, setBaseUrl] = useState(initialBaseUrl);
  const [validationMessage, setValidationMessage] = useState('');
  const messageId = useId();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();

    // The main process cleans the key (spaces, quotes, "Bearer ") and rejects what remains
    // invalid, so the key is sent as pasted.
    const trimmedBaseUrl = baseUrl.trim();
    const message = validateKeyForm(apiKey.trim(), trimmedBaseUrl);
    setValidationMessage(message);
    if (message) return;

    if (await onSave({ apiKey, baseUrl: trimmedBaseUrl, label: label.trim() })) setApiKey('');
  }

  return (
    <form className="key-form" aria-label="Paste a key" noValidate onSubmit={handleSubmit}>
      <TextField
        label="Label (optional)"
        value={label}
        onValueChange={setLabel}
        maxLength={100}
        placeholder="Saved key"
      />
      <TextField
        label="API key"
        value={apiKey}
        onValueChange={setApiKey}
        {...API_KEY_INPUT}
        aria-describedby={validationMessage ? messageId : undefined}
      />
      <TextField
        label="Base URL"
        value={baseUrl}
        onValueChange={setBaseUrl}
        isWide
        {...BASE_URL_INPUT}
        aria-describedby={validationMessage ? messageId : undefined}
      />
      <button type="submit" disabled={isBusy}>
        Save key
      </button>
      <p id={messageId} className="field-message" aria-live="polite">
        {validationMessage}
      </p>
    </form>
  );
}

function validateKeyForm(apiKey: string, baseUrl: string): string {
  if (apiKey === '') return 'Paste an API key first. Hatz shows it once, when the key is created.';

  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return (
      `The base URL "${baseUrl}" is not a web address. ` +
      `Use ${DEFAULT_BASE_URL} unless Hatz gave you another.`
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return `The base URL must start with https://, as in ${DEFAULT_BASE_URL}.`;
  }
  return '';
}
