import { useEffect, useId, useState } from 'react';

import type { ConnectionInfo, VaultInfo } from '../../core/ipc-contract.ts';
import { problemFromError, problemFromFailure, type Problem } from '../problem.ts';

const SANDBOX_VALUE = 'sandbox';

interface KeySwitcherProps {
  connection: ConnectionInfo;
  isBusy: boolean;
  onConnectionChange: (connection: ConnectionInfo) => void;
  onProblem: (problem: Problem | null) => void;
}

/** Renders the header's quick choice between stored keys and the practice sandbox. */
export function KeySwitcher({
  connection,
  isBusy,
  onConnectionChange,
  onProblem,
}: KeySwitcherProps) {
  const [vault, setVault] = useState<VaultInfo | null>(null);
  const [isSwitching, setIsSwitching] = useState(false);
  const selectId = useId();

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

  const readyKeys = vault?.keys.filter((key) => key.status === 'ready') ?? [];
  if (readyKeys.length === 0) return null;

  async function handleChange(value: string) {
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
      onConnectionChange(await window.hatz.connection.get());
    } catch (error) {
      onProblem(problemFromError('Switching the key', error));
    } finally {
      setIsSwitching(false);
    }
  }

  const selected = connection.isSandbox ? SANDBOX_VALUE : (connection.key?.id ?? '');
  return (
    <div className="key-switcher field">
      <label htmlFor={selectId}>Active key</label>
      <select
        id={selectId}
        value={selected}
        disabled={isBusy || isSwitching}
        aria-busy={isSwitching}
        onChange={(event) => void handleChange(event.target.value)}
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
  );
}
