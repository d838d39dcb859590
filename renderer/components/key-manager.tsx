import { Fragment, useCallback, useEffect, useId, useState } from 'react';

import type { ConnectionInfo, VaultInfo } from '../../core/ipc-contract.ts';
import type { Result } from '../../core/schemas.ts';
import { DEFAULT_VERIFY_PATH, VERIFY_PATHS, type VerifyPath } from '../../core/key-verdict.ts';
import { focusWhenFocusLost } from '../focus-after-removal.ts';
import { problemFromError, problemFromFailure, type Problem } from '../problem.ts';
import { FailureNotice } from './failure-notice.tsx';
import { KeyAddForm, type NewKey } from './key-add-form.tsx';
import { KeyEditForm, type KeyEdit } from './key-edit-form.tsx';
import { KeyReplaceForm } from './key-replace-form.tsx';
import { KeyRow, type KeyRowMode } from './key-row.tsx';

interface KeyManagerProps {
  /** Changes whenever the active key changes, which may make the listed vault stale. */
  connection: ConnectionInfo | null;
  onConnectionChange: (connection: ConnectionInfo) => void;
}

/** Keys checked at once by "Verify all", so a long list does not flood the server. */
const VERIFY_CONCURRENCY = 4;

/**
 * Renders the Keys view: every stored key with its last verdict, "Verify all", and the forms
 * that add, edit, replace and delete keys. Keys themselves never reach this view, only their
 * labels and last four characters.
 */
export function KeyManager({ connection, onConnectionChange }: KeyManagerProps) {
  const [vault, setVault] = useState<VaultInfo | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [statusMessage, setStatusMessage] = useState('');
  const [isBusy, setIsBusy] = useState(false);
  const [verifyingIds, setVerifyingIds] = useState<ReadonlySet<string>>(new Set());
  const [verifyPath, setVerifyPath] = useState<VerifyPath>(DEFAULT_VERIFY_PATH);
  const [rowModes, setRowModes] = useState<Record<string, KeyRowMode>>({});
  const [lastDeleted, setLastDeleted] = useState<{ id: string; label: string } | null>(null);
  const pathSelectId = useId();

  const refresh = useCallback(async () => {
    try {
      setVault(await window.hatz.keys.list());
    } catch (error) {
      setProblem(problemFromError('Reading the keys', error));
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh, connection]);

  function setRowMode(id: string, mode: KeyRowMode) {
    setRowModes((modes) => ({ ...modes, [id]: mode }));
  }

  /** Runs one change with the buttons disabled; the header learns of it through the connection. */
  async function runChange<T>(
    operation: string,
    action: () => Promise<Result<T>>,
    onSuccess: (value: T) => string,
  ): Promise<boolean> {
    setIsBusy(true);
    setProblem(null);
    setStatusMessage('');
    try {
      const result = await action();
      if (!result.ok) {
        setProblem(problemFromFailure(result.failure));
        return false;
      }
      setStatusMessage(onSuccess(result.value));
      onConnectionChange(await window.hatz.connection.get());
      await refresh();
      return true;
    } catch (error) {
      setProblem(problemFromError(operation, error));
      return false;
    } finally {
      setIsBusy(false);
    }
  }

  function handleAdd(key: NewKey) {
    return runChange(
      'Adding the key',
      () => window.hatz.keys.add({ ...key, note: key.note || undefined }),
      ({ removed }) =>
        `Added "${key.label.trim()}".` +
        (removed.length > 0 ? ` Removed from the pasted key: ${removed.join(', ')}.` : ''),
    );
  }

  function handleEdit(id: string, edit: KeyEdit) {
    return runChange(
      'Saving the key',
      () => window.hatz.keys.update({ id, ...edit }),
      () => {
        setRowMode(id, 'view');
        return `Saved "${edit.label.trim()}".`;
      },
    );
  }

  function handleReplace(
    id: string,
    label: string,
    request: { apiKey: string; acceptWeakStorage: boolean },
  ) {
    return runChange(
      'Replacing the key',
      () => window.hatz.keys.replace({ id, ...request }),
      ({ removed }) => {
        setRowMode(id, 'view');
        return (
          `Replaced the key of "${label}".` +
          (removed.length > 0 ? ` Removed from the pasted key: ${removed.join(', ')}.` : '')
        );
      },
    );
  }

  function handleDelete(id: string, label: string) {
    void runChange(
      'Deleting the key',
      () => window.hatz.keys.delete({ id }),
      () => {
        setLastDeleted({ id, label });
        return `Deleted "${label}".`;
      },
    );
  }

  function handleUndoDelete() {
    if (!lastDeleted) return;
    const { id, label } = lastDeleted;
    void runChange(
      'Restoring the key',
      () => window.hatz.keys.restore({ id }),
      () => {
        setLastDeleted(null);
        setRowMode(id, 'view');
        return `Restored "${label}".`;
      },
    );
  }

  function handleSetActive(id: string, label: string) {
    void runChange(
      'Choosing the key',
      () => window.hatz.keys.setActive({ id }),
      () => `Requests now use "${label}".`,
    );
  }

  async function verify(id: string): Promise<boolean | undefined> {
    setVerifyingIds((ids) => new Set(ids).add(id));
    try {
      const result = await window.hatz.keys.verify({ id, path: verifyPath });
      if (!result.ok) setProblem(problemFromFailure(result.failure));
      return result.ok ? result.value.verdict.kind === 'valid' : undefined;
    } catch (error) {
      setProblem(problemFromError('Verifying the key', error));
      return undefined;
    } finally {
      setVerifyingIds((ids) => {
        const next = new Set(ids);
        next.delete(id);
        return next;
      });
    }
  }

  async function handleVerify(id: string, label: string) {
    setProblem(null);
    setStatusMessage(`Verifying "${label}"…`);
    const isValid = await verify(id);
    await refresh();
    setStatusMessage(
      isValid === undefined
        ? ''
        : `"${label}" ${isValid ? 'works' : 'did not pass; see why below'}.`,
    );
  }

  async function handleVerifyAll() {
    const ready = (vault?.keys ?? []).filter((key) => key.status === 'ready');
    if (ready.length === 0) return;

    setProblem(null);
    setStatusMessage(`Verifying ${ready.length} ${ready.length === 1 ? 'key' : 'keys'}…`);
    const outcomes: Array<boolean | undefined> = [];
    const queue = [...ready];
    async function worker() {
      for (let next = queue.shift(); next; next = queue.shift())
        outcomes.push(await verify(next.id));
    }
    await Promise.all(Array.from({ length: Math.min(VERIFY_CONCURRENCY, ready.length) }, worker));
    await refresh();

    const working = outcomes.filter((outcome) => outcome === true).length;
    setStatusMessage(
      `Verified ${ready.length} ${ready.length === 1 ? 'key' : 'keys'}: ${working} working, ${ready.length - working} not.`,
    );
  }

  const keys = vault?.keys ?? [];
  const isRestorable =
    lastDeleted !== null && (vault?.restorableKeyIds.includes(lastDeleted.id) ?? false);
  return (
    <section className="key-manager panel" aria-labelledby="key-manager-heading">
      <div className="key-manager-toolbar">
        <h2 id="key-manager-heading">API keys</h2>
        <div className="field">
          <label htmlFor={pathSelectId}>Check with</label>
          <select
            id={pathSelectId}
            value={verifyPath}
            onChange={(event) => setVerifyPath(event.target.value as VerifyPath)}
          >
            {VERIFY_PATHS.map((path) => (
              <option key={path} value={path}>
                GET {path}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="button-primary"
          disabled={verifyingIds.size > 0 || !keys.some((key) => key.status === 'ready')}
          onClick={() => void handleVerifyAll()}
        >
          Verify all
        </button>
      </div>

      {vault?.warnings.map((warning) => (
        <p key={warning} className="notice-warning">
          {warning}
        </p>
      ))}
      <p className="status-message" role="status">
        {statusMessage}
      </p>
      {isRestorable && lastDeleted && (
        <p className="key-undo">
          Deleted "{lastDeleted.label}".{' '}
          <button
            // The deleted key's row and its buttons are gone, so focus goes to Undo.
            ref={focusWhenFocusLost}
            type="button"
            disabled={isBusy}
            onClick={handleUndoDelete}
          >
            Undo delete
          </button>
        </p>
      )}
      <div aria-live="polite">{problem && <FailureNotice problem={problem} />}</div>

      {vault === null ? (
        <p className="muted">Reading the keys…</p>
      ) : keys.length === 0 ? (
        <p className="muted">No keys stored yet. Add one below.</p>
      ) : (
        <table className="key-table">
          <caption className="visually-hidden">Stored keys and their last verdicts</caption>
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Base URL</th>
              <th scope="col">Verdict</th>
              <th scope="col">Last verified</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((stored) => {
              const mode = rowModes[stored.id] ?? 'view';
              return (
                <Fragment key={stored.id}>
                  <KeyRow
                    stored={stored}
                    isActive={vault.activeKeyId === stored.id}
                    isVerifying={verifyingIds.has(stored.id)}
                    isBusy={isBusy}
                    mode={mode}
                    onModeChange={(next) => setRowMode(stored.id, next)}
                    onVerify={() => void handleVerify(stored.id, stored.label)}
                    onSetActive={() => handleSetActive(stored.id, stored.label)}
                    onDelete={() => handleDelete(stored.id, stored.label)}
                  />
                  {(mode === 'edit' || mode === 'replace') && (
                    <tr className="key-row-form">
                      <td colSpan={5}>
                        {mode === 'edit' ? (
                          <KeyEditForm
                            stored={stored}
                            isBusy={isBusy}
                            onSave={(edit) => handleEdit(stored.id, edit)}
                            onCancel={() => setRowMode(stored.id, 'view')}
                          />
                        ) : (
                          <KeyReplaceForm
                            stored={stored}
                            storageWeakness={vault.storageWeakness}
                            isBusy={isBusy}
                            onReplace={(request) => handleReplace(stored.id, stored.label, request)}
                            onCancel={() => setRowMode(stored.id, 'view')}
                          />
                        )}
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}

      <KeyAddForm storageWeakness={vault?.storageWeakness} isBusy={isBusy} onAdd={handleAdd} />
    </section>
  );
}
