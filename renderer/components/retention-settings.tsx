import { useEffect, useState, type FormEvent } from 'react';

import { problemFromError, type Problem } from '../problem.ts';
import { FailureNotice } from './failure-notice.tsx';

/** Renders the retention form: most runs kept and maximum age, each optional. Pinned runs stay. */
export function RetentionSettings({ onSaved }: { onSaved: () => void }) {
  const [maxRuns, setMaxRuns] = useState('');
  const [maxAgeDays, setMaxAgeDays] = useState('');
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => {
    window.hatz.history.getRetention().then(
      (retention) => {
        setMaxRuns(retention.maxRuns === null ? '' : String(retention.maxRuns));
        setMaxAgeDays(retention.maxAgeDays === null ? '' : String(retention.maxAgeDays));
      },
      (error: unknown) => setProblem(problemFromError('Reading the retention setting', error)),
    );
  }, []);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setMessage('');
    setProblem(null);
    const runs = readLimit(maxRuns, 'Keep at most', 'runs');
    const days = readLimit(maxAgeDays, 'Delete runs older than', 'days');
    if (typeof runs === 'string' || typeof days === 'string') {
      setMessage(typeof runs === 'string' ? runs : String(days));
      return;
    }
    try {
      await window.hatz.history.setRetention({ maxRuns: runs, maxAgeDays: days });
      setMessage('Saved. Older unpinned runs beyond these limits were deleted.');
      onSaved();
    } catch (error) {
      setProblem(problemFromError('Saving the retention setting', error));
    }
  }

  return (
    <form className="retention-settings" onSubmit={(event) => void handleSubmit(event)}>
      <label>
        Keep at most
        <input
          type="number"
          min={1}
          inputMode="numeric"
          value={maxRuns}
          placeholder="no limit"
          onChange={(event) => setMaxRuns(event.target.value)}
        />
        runs
      </label>
      <label>
        Delete runs older than
        <input
          type="number"
          min={1}
          inputMode="numeric"
          value={maxAgeDays}
          placeholder="never"
          onChange={(event) => setMaxAgeDays(event.target.value)}
        />
        days
      </label>
      <button type="submit" className="button-small">
        Save retention
      </button>
      <span role="status" className="muted">
        {message}
      </span>
      {problem && <FailureNotice problem={problem} />}
    </form>
  );
}

/** Reads a limit field: empty means no limit; otherwise a whole number of at least 1. */
function readLimit(text: string, name: string, unit: string): number | null | string {
  if (text.trim() === '') return null;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    return `"${name}" is ${text}; enter a whole number of ${unit} of at least 1, or leave it empty for no limit.`;
  }
  return value;
}
