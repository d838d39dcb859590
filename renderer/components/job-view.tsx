import { useId, useState } from 'react';

import { explainFailure } from '../../core/explain-failure.ts';
import type { RunSnapshot } from '../../core/schemas.ts';
import { formatBody, formatJobOutputs } from '../format-json.ts';
import { formatClockTime } from '../format-time.ts';
import { problemFromFailure, type Problem } from '../problem.ts';
import { BodyViewer } from './body-viewer.tsx';
import { CopyButton } from './copy-button.tsx';
import { FailureNotice } from './failure-notice.tsx';
import { LazyDetails } from './lazy-details.tsx';
import { MarkdownOutput } from './markdown-output.tsx';

interface JobViewProps {
  snapshot: RunSnapshot | null;
  isStarting: boolean;
  /** Failure that kept the last Send from starting a run, announced by the status line. */
  startProblem: Problem | null;
  isCancelling: boolean;
  cancelMessage: string;
  cancelProblem: Problem | null;
  onCancel: () => void;
}

/**
 * Renders the "Job" region: what happened after Hatz accepted the run, up to its outputs or its
 * failure.
 */
export function JobView(props: JobViewProps) {
  const {
    snapshot,
    isStarting,
    startProblem,
    isCancelling,
    cancelMessage,
    cancelProblem,
    onCancel,
  } = props;
  const headingId = useId();
  const isActive = snapshot?.phase === 'sending' || snapshot?.phase === 'following';

  return (
    <section className="panel-section" aria-labelledby={headingId}>
      <div className="section-heading">
        <h2 id={headingId}>Job</h2>
        {isActive && (
          <button type="button" disabled={isCancelling} onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>

      <p className="status-message" role="status">
        {describeRunStatus(snapshot, isStarting, startProblem)}
      </p>
      {cancelMessage && <p className="muted">{cancelMessage}</p>}
      {cancelProblem && <FailureNotice problem={cancelProblem} />}

      {snapshot && <JobDetails snapshot={snapshot} />}
    </section>
  );
}

function JobDetails({ snapshot }: { snapshot: RunSnapshot }) {
  const { job } = snapshot;
  const outputs = job ? formatJobOutputs(job.outputs) : null;
  const [isMarkdownShown, setIsMarkdownShown] = useState(true);

  return (
    <>
      <dl className="job-facts">
        <div>
          <dt>State</dt>
          <dd>
            <span className={`phase phase-${snapshot.phase}`} data-testid="job-state">
              {snapshot.phase}
            </span>
          </dd>
        </div>
        {job && (
          <div>
            <dt>Hatz status</dt>
            <dd>
              <code>{job.rawStatus}</code>
            </dd>
          </div>
        )}
        {snapshot.jobId && (
          <div>
            <dt>Job id</dt>
            <dd>
              <code>{snapshot.jobId}</code>
            </dd>
          </div>
        )}
      </dl>

      {outputs && (
        <>
          <div className="section-heading">
            <h3>Output</h3>
            {!outputs.isJson && (
              <button
                type="button"
                className="button-small"
                aria-pressed={!isMarkdownShown}
                onClick={() => setIsMarkdownShown((value) => !value)}
              >
                {isMarkdownShown ? 'Show as text' : 'Show formatted'}
              </button>
            )}
            <CopyButton text={outputs.text} label="Copy output" />
          </div>
          <div data-testid="job-output">
            {!outputs.isJson && isMarkdownShown ? (
              <MarkdownOutput text={outputs.text} />
            ) : (
              <pre className={outputs.isJson ? 'code-block is-json' : 'code-block output-text'}>
                {outputs.text}
              </pre>
            )}
          </div>
        </>
      )}
      {snapshot.phase === 'started' && (
        <p className="muted">
          The job started and was not followed, so whether it completed or failed is not known.
        </p>
      )}
      {snapshot.phase === 'completed' && !outputs && (
        <p className="muted">
          The job completed without outputs. The raw job reply below shows what Hatz returned.
        </p>
      )}

      {snapshot.failure && (
        <FailureNotice
          problem={problemFromFailure(snapshot.failure)}
          isError={snapshot.failure.kind !== 'cancelled'}
        />
      )}

      {snapshot.timeline.length > 0 && <h3>Timeline</h3>}
      {snapshot.timeline.length > 0 && (
        <ol className="timeline">
          {snapshot.timeline.map((entry, index) => (
            <li key={`${index}-${entry.at}`}>
              <time dateTime={entry.at}>{formatClockTime(entry.at)}</time>
              <span>{entry.label}</span>
            </li>
          ))}
        </ol>
      )}

      {job && (
        <LazyDetails summary="Raw job reply">
          {() =>
            job.heldRawBody || job.rawBody.length > 100_000 ? (
              <BodyViewer body={job.rawBody} heldBody={job.heldRawBody} label="Raw job reply" />
            ) : (
              <pre className="code-block">{formatBody(job.rawBody).text}</pre>
            )
          }
        </LazyDetails>
      )}
    </>
  );
}

/** Describes the run in one sentence per phase, so the announcement changes only with the phase. */
function describeRunStatus(
  snapshot: RunSnapshot | null,
  isStarting: boolean,
  startProblem: Problem | null,
): string {
  if (!snapshot) {
    if (isStarting) return 'Starting the run…';
    return startProblem
      ? `${startProblem.title}. The Response section explains why.`
      : 'No run yet.';
  }

  switch (snapshot.phase) {
    case 'sending':
      return 'Sending the request to Hatz…';
    case 'following':
      return 'Hatz accepted the run. Waiting for the job to finish…';
    case 'started':
      return 'Hatz started the job. It was not followed, so its outcome is not known.';
    case 'completed':
      return 'The job completed.';
    case 'failed':
      return snapshot.failure
        ? `The run failed: ${explainFailure(snapshot.failure).title}.`
        : 'The run failed.';
    case 'cancelled':
      return 'Cancelled. A job that had started may still run.';
  }
}
