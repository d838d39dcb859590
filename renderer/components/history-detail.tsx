import { useId } from 'react';

import type { HistoryRecord } from '../../core/history/history-record.ts';
import type { RunSnapshot } from '../../core/schemas.ts';
import { CopyAsMenu } from './copy-as-menu.tsx';
import { HttpExchangeView } from './http-exchange-view.tsx';
import { JobView } from './job-view.tsx';

interface HistoryDetailProps {
  record: HistoryRecord;
  onRerun: (record: HistoryRecord) => void;
  onPin: (record: HistoryRecord) => void;
  onDelete: (record: HistoryRecord) => void;
}

/** Shows one kept run as the response pane showed it, with its request and what to do with it. */
export function HistoryDetail({ record, onRerun, onPin, onDelete }: HistoryDetailProps) {
  const headingId = useId();
  const { request } = record;

  return (
    <div className="panel history-detail">
      <section className="panel-section" aria-labelledby={headingId}>
        <h2 id={headingId}>{request.workflowName || request.appId}</h2>
        <p className="muted">
          {new Date(record.time).toLocaleString()} · {request.isDraft ? 'draft' : 'published'} ·{' '}
          {record.key ? `${record.key.label} ••••${record.key.lastFour}` : 'no key'} · from the{' '}
          {record.source === 'cli' ? 'CLI' : 'app'}
          {record.batchId ? ` · batch ${record.batchId}` : ''}
        </p>
        <div className="history-actions">
          <button type="button" className="button-small" onClick={() => onRerun(record)}>
            Re-run in editor
          </button>
          <button type="button" className="button-small" onClick={() => onPin(record)}>
            {record.pinned ? 'Unpin' : 'Pin'}
          </button>
          <button type="button" className="button-small" onClick={() => onDelete(record)}>
            Delete
          </button>
        </div>
        <CopyAsMenu source={{ historyId: record.id }} />
        <h3>Inputs</h3>
        <pre className="code-block">{request.inputsText}</pre>
      </section>
      <HttpExchangeView
        exchange={record.exchange}
        jobId={record.jobId}
        failure={record.failure}
        phase={record.phase}
        isStarting={false}
        startProblem={null}
        keyLabel={record.key?.label}
      />
      <JobView
        snapshot={toSnapshot(record)}
        isStarting={false}
        startProblem={null}
        isCancelling={false}
        cancelMessage=""
        cancelProblem={null}
        onCancel={() => {}}
      />
    </div>
  );
}

function toSnapshot(record: HistoryRecord): RunSnapshot {
  return {
    runId: record.id,
    appId: record.request.appId,
    phase: record.phase,
    exchange: record.exchange,
    jobId: record.jobId,
    job: record.job,
    failure: record.failure,
    timeline: record.timeline,
  };
}
