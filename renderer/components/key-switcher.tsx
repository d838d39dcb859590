import { useEffect, useId, useRef, useState } from 'react';

import type { KeySummary } from '../../core/contract/keys.ts';
import type { ConnectionInfo, VaultInfo } from '../../core/ipc-contract.ts';
import { problemFromError, problemFromFailure, type Problem } from '../problem.ts';

const SANDBOX_VALUE = 'sandbox';

/**
 * A workflow the user chose in a workflow picker. Each pick is a new object, so choosing the same
 * workflow again makes a new offer.
 */
export interface PickedWorkflow {
  id: string;
  name: string;
}

interface KeySwitcherProps {
  connection: ConnectionInfo;
  /** The workflow the user last chose, not one restored at start or imported. */
  pickedWorkflow: PickedWorkflow | null;
  isBusy: boolean;
  /** Receives the new connection, and a sentence for the status line when the default will not do. */
  onConnectionChange: (connection: ConnectionInfo, message?: string) => void;
  onProblem: (problem: Problem | null) => void;
}

/** A stored key that last ran the picked workflow, when it is not the active key. */
interface KeyOffer {
  /** The connection the offer was made for. Any change of key or server withdraws the offer. */
  connection: ConnectionInfo;
  workflow: PickedWorkflow;
  key: KeySummary;
}

/**
 * Renders the header's quick choice between stored keys and the practice sandbox. When the user
 * picks a workflow that last ran with another stored key, a status line names both keys and a
 * button offers that key. The switcher never switches on its own, so a run or batch the user is
 * preparing keeps the key they chose.
 */
export function KeySwitcher({
  connection,
  pickedWorkflow,
  isBusy,
  onConnectionChange,
  onProblem,
}: KeySwitcherProps) {
  const [vault, setVault] = useState<VaultInfo | null>(null);
  const [isSwitching, setIsSwitching] = useState(false);
  const [offer, setOffer] = useState<KeyOffer | null>(null);
  // Counts finished lookups, so tests can tell "no offer" from "not looked up yet".
  const [lookupCount, setLookupCount] = useState(0);
  // The lookup below reads the connection when its reply arrives, not when the pick was made.
  const connectionRef = useRef(connection);
  const selectId = useId();

  useEffect(() => {
    connectionRef.current = connection;
  }, [connection]);

  useEffect(() => {
    let isCurrent = true;
    window.hatz.keys.list().then(
      (next) => {
        if (isCurrent) setVault(next);
      },
      (error: unknown) => onProblem(problemFromError('Reading the keys', error)),
    );
    return () => {
      isCurrent = false;
    };
  }, [connection, onProblem]);

  useEffect(() => {
    setOffer(null);
    if (!pickedWorkflow) return;

    // A reply for an earlier pick is dropped, so the offer always names the latest workflow.
    let isCurrent = true;
    Promise.all([
      window.hatz.keys.lastUsedFor({ appId: pickedWorkflow.id }),
      window.hatz.keys.list(),
    ]).then(
      ([{ keyId }, nextVault]) => {
        if (!isCurrent) return;
        setLookupCount((count) => count + 1);
        setVault(nextVault);
        const key = nextVault.keys.find((candidate) => candidate.id === keyId);
        const current = connectionRef.current;
        const activeKeyId = current.isSandbox ? null : (current.key?.id ?? null);
        if (!key || key.id === activeKeyId) return;
        setOffer({ connection: current, workflow: pickedWorkflow, key });
      },
      // The offer is a convenience, so a failed lookup leaves the header as it was.
      () => {
        if (isCurrent) setLookupCount((count) => count + 1);
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [pickedWorkflow]);

  const visibleOffer = offer && offer.connection === connection ? offer : null;
  const readyKeys = vault?.keys.filter((key) => key.status === 'ready') ?? [];
  if (readyKeys.length === 0) return null;

  async function switchTo(value: string, message?: string) {
    setIsSwitching(true);
    onProblem(null);
    try {
      if (value === SANDBOX_VALUE) {
        const result = await window.hatz.connection.useSandbox();
        if (result.ok) onConnectionChange(result.value);
        else onProblem(problemFromFailure(result.failure));
        return;
      }
      const result = await window.hatz.keys.setActive({ id: value });
      if (!result.ok) onProblem(problemFromFailure(result.failure));
      onConnectionChange(await window.hatz.connection.get(), result.ok ? message : undefined);
    } catch (error) {
      onProblem(problemFromError('Switching the key', error));
    } finally {
      setIsSwitching(false);
    }
  }

  function handleAcceptOffer(accepted: KeyOffer) {
    const message = `Switched to the key ${describeKey(accepted.key)}, which last ran ${describeWorkflow(accepted.workflow)}.`;
    void switchTo(accepted.key.id, message);
  }

  const selected = connection.isSandbox ? SANDBOX_VALUE : (connection.key?.id ?? '');
  const canAcceptOffer = visibleOffer !== null && visibleOffer.key.status === 'ready';
  return (
    <>
      <div className="key-switcher field">
        <label htmlFor={selectId}>Active key</label>
        <select
          id={selectId}
          value={selected}
          disabled={isBusy || isSwitching}
          aria-busy={isSwitching}
          onChange={(event) => void switchTo(event.target.value)}
        >
          {selected === '' && <option value="">Choose a key</option>}
          {readyKeys.map((key) => (
            <option key={key.id} value={key.id}>
              {key.label} (ending {key.lastFour || 'in a short key'})
            </option>
          ))}
          <option value={SANDBOX_VALUE}>Practice sandbox</option>
        </select>
      </div>
      <div className="key-switcher field">
        {/* Stays in the page while empty, so screen readers announce the offer when it appears. */}
        <p
          className="status-message connection-status"
          role="status"
          data-offer-lookups={lookupCount}
        >
          {visibleOffer ? describeOffer(visibleOffer) : ''}
        </p>
        {canAcceptOffer && (
          <button
            type="button"
            className="button-small"
            disabled={isBusy || isSwitching}
            onClick={() => handleAcceptOffer(visibleOffer)}
          >
            Switch to {visibleOffer.key.label}
          </button>
        )}
      </div>
    </>
  );
}

function describeKey(key: { label: string; lastFour: string }): string {
  return key.lastFour ? `${key.label} (ending in ${key.lastFour})` : key.label;
}

function describeWorkflow(workflow: PickedWorkflow): string {
  return workflow.name ? `"${workflow.name}"` : `the workflow ${workflow.id}`;
}

function describeConnection(connection: ConnectionInfo): string {
  if (connection.isSandbox) return 'the practice sandbox';
  return connection.key ? `the key ${describeKey(connection.key)}` : 'no key';
}

/** Builds the sentence the status line reads out for an offer, naming both keys. */
function describeOffer({ connection, workflow, key }: KeyOffer): string {
  const lastRun = `${capitalize(describeWorkflow(workflow))} last ran with the key ${describeKey(key)}`;
  if (key.status !== 'ready') {
    return `${lastRun}, which cannot be used here now. Replace it in the Keys view to use it again.`;
  }
  const current = `Requests now use ${describeConnection(connection)}.`;
  const keyOrigin = originOf(key.baseUrl);
  const elsewhere =
    keyOrigin === originOf(connection.baseUrl) ? '' : ` That key sends requests to ${keyOrigin}.`;
  return `${lastRun}. ${current}${elsewhere}`;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
