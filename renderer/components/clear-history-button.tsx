import { useState } from 'react';

interface ClearHistoryButtonProps {
  total: number;
  onClear: (keepPinned: boolean) => void;
}

/** Renders "Clear history…", which shows a confirmation before anything is deleted. */
export function ClearHistoryButton({ total, onClear }: ClearHistoryButtonProps) {
  const [isConfirming, setIsConfirming] = useState(false);
  const [isPinnedDeleted, setIsPinnedDeleted] = useState(false);

  if (!isConfirming) {
    return (
      <button
        type="button"
        className="button-small"
        disabled={total === 0}
        onClick={() => setIsConfirming(true)}
      >
        Clear history…
      </button>
    );
  }
  return (
    <div className="clear-history-confirm" role="group" aria-label="Confirm clearing history">
      <span>Delete every run in history? This cannot be undone.</span>
      <label className="checkbox-label">
        <input
          type="checkbox"
          checked={isPinnedDeleted}
          onChange={(event) => setIsPinnedDeleted(event.target.checked)}
        />
        Pinned runs too
      </label>
      <button
        type="button"
        className="button-small button-danger"
        onClick={() => {
          setIsConfirming(false);
          onClear(!isPinnedDeleted);
        }}
      >
        Clear
      </button>
      <button type="button" className="button-small" onClick={() => setIsConfirming(false)}>
        Keep history
      </button>
    </div>
  );
}
