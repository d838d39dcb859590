import type { Problem } from '../problem.ts';
import { CopyButton } from './copy-button.tsx';

interface FailureNoticeProps {
  problem: Problem;
  /** Whether to style it as an error. A cancelled run is a normal outcome, so it is not red. */
  isError?: boolean;
}

/** Shows a failure as title, detail and fix, with the request id that support staff quote. */
export function FailureNotice({ problem, isError = true }: FailureNoticeProps) {
  return (
    <div className={isError ? 'failure-notice' : 'failure-notice is-neutral'}>
      <p className="failure-title">{problem.title}</p>
      <p>{problem.detail}</p>
      {problem.serverMessage && (
        <p>
          Hatz said: <q className="server-message">{problem.serverMessage}</q>
        </p>
      )}
      <p>
        <strong>What to try: </strong>
        {problem.fix}
      </p>
      {problem.requestId && (
        <p className="request-id-line">
          Request id <code>{problem.requestId}</code>{' '}
          <CopyButton text={problem.requestId} label="Copy request id" />
        </p>
      )}
    </div>
  );
}
