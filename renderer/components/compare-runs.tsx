import { useId } from 'react';

import type { HistoryRecord } from '../../core/history/history-record.ts';
import { describeOutputs } from '../../core/history/history-summary.ts';
import { formatBody } from '../format-json.ts';
import { TextDiff } from './text-diff.tsx';

interface CompareRunsProps {
  before: HistoryRecord;
  after: HistoryRecord;
  onClose: () => void;
}

/** Shows two runs side by side: what each sent, how each ended, and their inputs and outputs diffed. */
export function CompareRuns({ before, after, onClose }: CompareRunsProps) {
  const headingId = useId();
  const beforeLabel = describeRun('Older run', before);
  const afterLabel = describeRun('Newer run', after);

  return (
    <section className="panel-section compare-runs" aria-labelledby={headingId}>
      <div className="section-heading">
        <h2 id={headingId}>Compare runs</h2>
        <button type="button" className="button-small" onClick={onClose}>
          Close comparison
        </button>
      </div>
      <div className="text-diff-columns">
        <p>{beforeLabel}</p>
        <p>{afterLabel}</p>
      </div>
      <h3>Inputs</h3>
      <TextDiff
        before={formatBody(before.request.inputsText).text}
        after={formatBody(after.request.inputsText).text}
        mode="lines"
        beforeLabel={`Inputs of the ${beforeLabel}`}
        afterLabel={`Inputs of the ${afterLabel}`}
      />
      <h3>Outputs</h3>
      <TextDiff
        before={describeOutputs(before.job?.outputs)}
        after={describeOutputs(after.job?.outputs)}
        mode="words"
        beforeLabel={`Outputs of the ${beforeLabel}`}
        afterLabel={`Outputs of the ${afterLabel}`}
      />
    </section>
  );
}

function describeRun(prefix: string, record: HistoryRecord): string {
  const name = record.request.workflowName || record.request.appId;
  const status = record.exchange?.status ?? 'no reply';
  return `${prefix}: ${name}, ${new Date(record.time).toLocaleString()}, ${record.phase} (${status})`;
}
