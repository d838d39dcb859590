import { useId } from 'react';

import type { HttpExchange, RunPhase } from '../../core/schemas.ts';
import { describeHttpStatus } from '../describe-http-status.ts';
import { formatBody } from '../format-json.ts';
import type { Problem } from '../problem.ts';
import { CopyButton } from './copy-button.tsx';
import { FailureNotice } from './failure-notice.tsx';
import { HeadersTable } from './headers-table.tsx';

interface HttpExchangeViewProps {
  exchange: HttpExchange | undefined;
  phase: RunPhase | undefined;
  isStarting: boolean;
  /** Failure that kept the run from starting, in which case no request was sent. */
  startProblem: Problem | null;
}

/**
 * Renders the "Response" region: the run request's HTTP status, time, request id, headers and body.
 */
export function HttpExchangeView({
  exchange,
  phase,
  isStarting,
  startProblem,
}: HttpExchangeViewProps) {
  const headingId = useId();

  return (
    <section className="panel-section" aria-labelledby={headingId}>
      <h2 id={headingId}>Response</h2>
      {exchange ? (
        <ExchangeDetails exchange={exchange} />
      ) : (
        <ExchangePlaceholder phase={phase} isStarting={isStarting} startProblem={startProblem} />
      )}
    </section>
  );
}

interface ExchangePlaceholderProps {
  phase: RunPhase | undefined;
  isStarting: boolean;
  startProblem: Problem | null;
}

function ExchangePlaceholder({ phase, isStarting, startProblem }: ExchangePlaceholderProps) {
  if (startProblem) {
    return (
      <>
        <p>The request was not sent.</p>
        <FailureNotice problem={startProblem} />
      </>
    );
  }
  if (isStarting || phase === 'sending') return <p className="muted">Waiting for Hatz to reply…</p>;
  if (phase !== undefined) return <p className="muted">No reply was received for this run.</p>;
  return (
    <p className="muted">Nothing sent yet. Choose a workflow, fill in its inputs and press Send.</p>
  );
}

function ExchangeDetails({ exchange }: { exchange: HttpExchange }) {
  const body = formatBody(exchange.responseBody);
  const statusClass = exchange.status === null ? 'none' : `${Math.floor(exchange.status / 100)}xx`;
  const showsStatusText = exchange.statusText !== '' && exchange.status !== null;
  const isSuccess = exchange.status !== null && exchange.status >= 200 && exchange.status < 300;

  return (
    <>
      <p className="status-row">
        <span className={`status-code status-${statusClass}`} data-testid="http-status">
          {exchange.status ?? '—'}
        </span>
        <span className="status-meaning">
          {describeHttpStatus(exchange.status)}
          {showsStatusText && <span className="muted"> ({exchange.statusText})</span>}
        </span>
        <span className="status-duration">{Math.round(exchange.durationMs)} ms</span>
      </p>

      <p className="request-line">
        <code>
          {exchange.method} {exchange.url}
        </code>
      </p>

      <p className="request-id-line">
        Request id <code>{exchange.requestId}</code>{' '}
        <CopyButton text={exchange.requestId} label="Copy request id" />
      </p>

      <details>
        <summary>Response headers ({exchange.responseHeaders.length})</summary>
        <HeadersTable headers={exchange.responseHeaders} caption="Response headers" />
      </details>

      <details>
        <summary>Request headers and body</summary>
        <HeadersTable headers={exchange.requestHeaders} caption="Request headers" />
        {exchange.requestBody !== undefined && (
          <pre className="code-block">{formatBody(exchange.requestBody).text}</pre>
        )}
      </details>

      {/* A started run's body only names the job, so it stays closed; an error body stays open. */}
      <details key={exchange.requestId} open={!isSuccess}>
        <summary>Body</summary>
        {exchange.responseBody === '' ? (
          <p className="muted">The reply had an empty body.</p>
        ) : (
          <pre className={body.isJson ? 'code-block is-json' : 'code-block'}>{body.text}</pre>
        )}
      </details>
      {exchange.responseBodyTruncated && (
        <p className="notice-warning">The body was cut at the size limit; the rest is not shown.</p>
      )}
    </>
  );
}
