import type { BatchRowResult } from '../../core/batch/batch-schemas.ts';

interface BatchResultsTableProps {
  results: readonly BatchRowResult[];
}

/** Shows each row's final result as it arrives: status, job status, output, request id, time. */
export function BatchResultsTable({ results }: BatchResultsTableProps) {
  if (results.length === 0) return null;
  return (
    <table className="batch-results" aria-label="Batch results">
      <thead>
        <tr>
          <th scope="col">Row</th>
          <th scope="col">Status</th>
          <th scope="col">Job status</th>
          <th scope="col">Output</th>
          <th scope="col">Request id</th>
          <th scope="col">Duration</th>
        </tr>
      </thead>
      <tbody>
        {results.map((result) => (
          <tr key={result.rowNumber} data-status={result.status}>
            <td>{result.rowNumber}</td>
            <td>{result.status}</td>
            <td>{result.jobStatus ?? ''}</td>
            <td className="batch-output">{result.outputSummary}</td>
            <td>
              <code>{result.requestId ?? ''}</code>
            </td>
            <td>
              {result.durationMs === null ? '' : `${(result.durationMs / 1000).toFixed(1)} s`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
