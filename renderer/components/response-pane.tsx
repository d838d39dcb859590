import { useEffect, useRef, useState } from 'react';

import type { RunPhase, RunSnapshot } from '../../core/schemas.ts';
import { problemFromError, type Problem } from '../problem.ts';
import { CopyAsMenu } from './copy-as-menu.tsx';
import { HttpExchangeView } from './http-exchange-view.tsx';
import { JobView } from './job-view.tsx';

/** Number of runs whose latest snapshot is kept. Only the current run is shown. */
const MAX_REMEMBERED_RUNS = 20;

interface ResponsePaneProps {
  /** The run to show; null before the first Send or while a new one starts. */
  runId: string | null;
  isStarting: boolean;
  startProblem: Problem | null;
  /** Label of the key runs are sent with, shown beside the masked `X-API-Key` header. */
  keyLabel?: string;
  /** Called with the current run's phase whenever it changes; null while no run is shown. */
  onPhaseChange?: (phase: RunPhase | null) => void;
}

/** Follows the current run through `runs.onUpdate` and shows its HTTP exchange and its job. */
export function ResponsePane({
  runId,
  isStarting,
  startProblem,
  keyLabel,
  onPhaseChange,
}: ResponsePaneProps) {
  const [snapshot, setSnapshot] = useState<RunSnapshot | null>(null);
  const [isCancelling, setIsCancelling] = useState(false);
  const [cancelMessage, setCancelMessage] = useState('');
  const [cancelProblem, setCancelProblem] = useState<Problem | null>(null);
  const snapshotsRef = useRef(new Map<string, RunSnapshot>());
  const runIdRef = useRef(runId);

  // The main process may push the first snapshots before `runs.start` has returned the run id,
  // so every run's latest snapshot is kept until the id is known.
  useEffect(() => {
    return window.hatz.runs.onUpdate((update) => {
      // The main process sends each exchange once, so later snapshots reuse the one kept here.
      const exchange = update.exchange ?? snapshotsRef.current.get(update.runId)?.exchange;
      const run = { ...update, exchange };
      rememberSnapshot(snapshotsRef.current, run);
      if (run.runId === runIdRef.current) setSnapshot(run);
    });
  }, []);

  useEffect(() => {
    runIdRef.current = runId;
    setSnapshot(runId === null ? null : (snapshotsRef.current.get(runId) ?? null));
    setCancelMessage('');
    setCancelProblem(null);
  }, [runId]);

  const phase = snapshot?.phase ?? null;
  useEffect(() => {
    onPhaseChange?.(phase);
  }, [phase, onPhaseChange]);

  async function handleCancel() {
    if (!snapshot) return;

    setIsCancelling(true);
    setCancelProblem(null);
    try {
      const reply = await window.hatz.runs.cancel({ runId: snapshot.runId });
      setCancelMessage(
        reply.cancelled ? '' : 'The run had already ended, so there was nothing to cancel.',
      );
    } catch (error) {
      setCancelProblem(problemFromError('Cancelling the run', error));
    } finally {
      setIsCancelling(false);
    }
  }

  return (
    <div className="panel response-pane">
      <HttpExchangeView
        exchange={snapshot?.exchange}
        phase={snapshot?.phase}
        isStarting={isStarting}
        startProblem={startProblem}
        keyLabel={keyLabel}
        jobId={snapshot?.jobId}
        failure={snapshot?.failure}
      />
      <JobView
        snapshot={snapshot}
        isStarting={isStarting}
        startProblem={startProblem}
        isCancelling={isCancelling}
        cancelMessage={cancelMessage}
        cancelProblem={cancelProblem}
        onCancel={handleCancel}
      />
      {snapshot && isEnded(snapshot) && (
        <section className="panel-section" aria-label="Copy this request">
          <CopyAsMenu source={{ historyId: snapshot.runId }} />
        </section>
      )}
    </div>
  );
}

function rememberSnapshot(snapshots: Map<string, RunSnapshot>, run: RunSnapshot) {
  // Deleting first moves the run to the end, so the oldest run is the first key.
  snapshots.delete(run.runId);
  snapshots.set(run.runId, run);
  if (snapshots.size > MAX_REMEMBERED_RUNS) {
    const oldestRunId = snapshots.keys().next().value;
    if (oldestRunId !== undefined) snapshots.delete(oldestRunId);
  }
}

function isEnded(snapshot: RunSnapshot): boolean {
  return snapshot.phase !== 'sending' && snapshot.phase !== 'following';
}
