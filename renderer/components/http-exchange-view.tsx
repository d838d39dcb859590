import { useId } from 'react';

import type { Failure, HttpExchange, RunPhase } from '../../core/schemas.ts';
import { describeHttpStatus, isRunReplyUnexpected } from '../describe-http-status.ts';
import { formatBody } from '../format-json.ts';
import type { Problem } from '../problem.ts';
import { BodyViewer } from './body-viewer.tsx';
import { CopyButton } from './copy-button.tsx';
import { FailureNotice } from './failure-notice.tsx';
import { HeadersTable } from './headers-table.tsx';
import { LazyDetails } from './lazy-details.tsx';

interface HttpExchangeViewProps {
  exchange: HttpExchange | undefined;
  phase: RunPhase | undefined;
  isStarting: boolean;
  /** Failure that kept the run from starting, in which case no request was sent. */
  startProblem: Problem | null;
  /** Label of the key the request was sent with, shown before its last four characters. */
  keyLabel?: string;
  /** The run's job id and failure, so a 2xx reply that started no job is not read as a start. */
  jobId?: string;
  failure?: Failure;
}

/**
 * Renders the "Response" region: the run request's HTTP status, time, request id, headers and body.
 */
export function HttpExchangeView({
  exchange,
  phase,
  isStarting,
  startProblem,
  keyLabel,
  jobId,
  failure,
}: HttpExchangeViewProps) {
  const headingId = useId();

  return (
    <section className="panel-section" aria-labelledby={headingId}>
      <h2 id={headingId}>Response</h2>
      {exchange ? (
        <ExchangeDetails
          exchange={exchange}
          keyLabel={keyLabel}
          isUnexpectedBody={isRunReplyUnexpected({ jobId, failure })}
        />
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

/** Bodies longer than this open in the virtualised viewer instead of one block of text. */
const MAX_PLAIN_BODY_LENGTH = 100_000;

interface ExchangeDetailsProps {
  exchange: HttpExchange;
  keyLabel: string | undefined;
  isUnexpectedBody: boolean;
}

function ExchangeDetails({ exchange, keyLabel, isUnexpectedBody }: ExchangeDetailsProps) {
  // The key header already contains only the last four characters; the label names the key.
  const requestHeaders = exchange.requestHeaders.map(([name, value]): [string, string] =>
    name.toLowerCase() === 'x-api-key' && keyLabel ? [name, `${keyLabel} ${value}`] : [name, value],
  );
  const heldBody = exchange.heldResponseBody;
  const isLarge = heldBody !== undefined || exchange.responseBody.length > MAX_PLAIN_BODY_LENGTH;
  const body = isLarge ? { text: '', isJson: false } : formatBody(exchange.responseBody);
  const isSuccess = exchange.status !== null && exchange.status >= 200 && exchange.status < 300;
  // A 2xx reply that started no run gets the warning colour instead of the success one.
  let statusClass = exchange.status === null ? 'none' : `${Math.floor(exchange.status / 100)}xx`;
  if (isSuccess && isUnexpectedBody) statusClass = 'unexpected';
  const showsStatusText = exchange.statusText !== '' && exchange.status !== null;

  return (
    <>
      <p className="status-row">
        <span className={`status-code status-${statusClass}`} data-testid="http-status">
          {exchange.status ?? '—'}
        </span>
        <span className="status-meaning">
          {describeHttpStatus(exchange.status, { isUnexpectedBody })}
          {showsStatusText && <span className="muted"> ({exchange.statusText})</span>}
        </span>
        <span className="status-duration">
          {Math.round(exchange.durationMs)} ms · {describeBodySize(exchange)}
        </span>
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
        <HeadersTable headers={requestHeaders} caption="Request headers" />
        {exchange.requestBody !== undefined && (
          <pre className="code-block">{formatBody(exchange.requestBody).text}</pre>
        )}
      </details>

      {/* A started run's body only names the job, so it stays closed; an error body stays open. */}
      <LazyDetails key={exchange.requestId} summary="Body" isInitiallyOpen={!isSuccess}>
        {() =>
          isLarge ? (
            <BodyViewer body={exchange.responseBody} heldBody={heldBody} label="Response body" />
          ) : exchange.responseBody === '' ? (
            <p className="muted">The reply had an empty body.</p>
          ) : (
            <pre className={body.isJson ? 'code-block is-json' : 'code-block'}>{body.text}</pre>
          )
        }
      </LazyDetails>
      {exchange.responseBodyTruncated && (
        <p className="notice-warning">The body was cut at the size limit; the rest is not shown.</p>
      )}
    </>
  );
}

/**
 * Describes the body's size: the `Content-Length` the server sent, else the UTF-8 size of a body
 * under a megabyte, else its length in characters, because encoding tens of megabytes only to
 * count them would hold up the window.
 */
function describeBodySize(exchange: HttpExchange): string {
  const { responseHeaders, responseBody, heldResponseBody } = exchange;
  const declared = responseHeaders.find(([name]) => name.toLowerCase() === 'content-length');
  const declaredBytes = declared ? Number(declared[1]) : Number.NaN;
  if (Number.isInteger(declaredBytes) && declaredBytes >= 0) return formatBytes(declaredBytes);
  const length = heldResponseBody?.length ?? responseBody.length;
  if (length <= 1024 * 1024) {
    return formatBytes(new TextEncoder().encode(responseBody).length);
  }
  return `${(length / (1024 * 1024)).toFixed(1)} M characters`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
