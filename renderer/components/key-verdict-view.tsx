import { explainVerdict, type KeyVerdict } from '../../core/key-verdict.ts';
import { CopyButton } from './copy-button.tsx';

interface KeyVerdictViewProps {
  verdict: KeyVerdict;
}

const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'medium',
});

/** Formats when a check ran, such as "4 Dec 2026, 15:02:11", in the user's locale. */
export function formatCheckedAt(isoTimestamp: string): string {
  const date = new Date(isoTimestamp);
  return Number.isNaN(date.getTime()) ? isoTimestamp : dateTimeFormat.format(date);
}

/** Shows one verdict in plain words: what the check found, why, and what to try next. */
export function KeyVerdictView({ verdict }: KeyVerdictViewProps) {
  const { title, detail, fix } = explainVerdict(verdict);
  const isValid = verdict.kind === 'valid';

  return (
    <div className={isValid ? 'key-verdict is-valid' : 'key-verdict is-failed'}>
      <p className="key-verdict-title">{title}</p>
      <p>{detail}</p>
      {verdict.failure?.serverMessage && (
        <p>
          Hatz said: <q className="server-message">{verdict.failure.serverMessage}</q>
        </p>
      )}
      {!isValid && (
        <p>
          <strong>What to try: </strong>
          {fix}
        </p>
      )}
      {verdict.requestId && !isValid && (
        <p className="request-id-line">
          Request id <code>{verdict.requestId}</code>{' '}
          <CopyButton text={verdict.requestId} label="Copy request id" />
        </p>
      )}
    </div>
  );
}
