import { recordRun } from '../../core/history/record-run.ts';
import type { RowsTable } from '../../core/batch/batch-schemas.ts';
import { checkInputsText } from '../../core/batch/check-rows.ts';
import { decodeBase64 } from '../../core/batch/decode-base64.ts';
import { formatResultsCsv, formatResultsJson } from '../../core/batch/export-results.ts';
import { createBatchRunner, type BatchRunner } from '../../core/batch-runner.ts';
import { loadRows, mapAndCheck, type LoadedRows } from '../../core/csv-rows.ts';
import type { LoadedRowsView } from '../../core/contract/batch.ts';
import type { Failure } from '../../core/schemas.ts';
import type { HandlerContext, HandlersFor } from './handler-context.ts';

type BatchChannel = 'batch.load' | 'batch.remap' | 'batch.start' | 'batch.control' | 'batch.export';

/** Loaded files kept for remapping and starting; older ones are dropped to bound memory. */
const MAX_KEPT_LOADS = 3;

const LOAD_NOT_FOUND: Failure = {
  kind: 'invalid-input',
  message: 'The rows file is no longer loaded. Load the file again.',
};

/**
 * Loads rows files sent by the Batch view, and runs batches in the background. Progress and each
 * row's result go to the renderer as `batch.progress` and `batch.result` events.
 */
export function createBatchHandlers({ dependencies, connection, connectClient }: HandlerContext) {
  const loads = new Map<string, RowsTable>();
  const batches = new Map<string, { runner: BatchRunner; appId: string }>();

  function keepLoad(table: RowsTable): string {
    const loadId = crypto.randomUUID();
    loads.set(loadId, table);
    for (const oldId of [...loads.keys()].slice(0, -MAX_KEPT_LOADS)) loads.delete(oldId);
    return loadId;
  }

  const handlers: HandlersFor<BatchChannel> = {
    'batch.load': async ({ fileName, contentBase64, inputs }) => {
      let bytes: Uint8Array;
      try {
        bytes = decodeBase64(contentBase64);
      } catch {
        return {
          ok: false,
          failure: { kind: 'invalid-input', message: 'The file could not be read. Load it again.' },
        };
      }
      const loaded = loadRows({ bytes, fileName, inputs });
      if (!loaded.ok) return loaded;
      return { ok: true, value: toView(keepLoad(loaded.value.table), loaded.value) };
    },

    'batch.remap': async ({ loadId, inputs, assignments }) => {
      const table = loads.get(loadId);
      if (!table) return { ok: false, failure: LOAD_NOT_FOUND };
      return { ok: true, value: toView(loadId, mapAndCheck(table, inputs, assignments)) };
    },

    'batch.start': async (request) => {
      const connected = connectClient();
      if (!connected.ok) return connected;
      const client = connected.value;
      const table = loads.get(request.loadId);
      if (!table) return { ok: false, failure: LOAD_NOT_FOUND };

      // The rows are checked again here, because the renderer's own checks cannot be trusted.
      const { rows } = mapAndCheck(table, request.inputs, request.assignments);
      const skipped = new Set(request.skipRows);
      const fixed = new Map(request.fixedRows.map((row) => [row.rowNumber, row.inputsText]));
      const runnerRows = rows.map((row) => {
        const inputsText = fixed.get(row.rowNumber) ?? row.inputsText;
        const problems = fixed.has(row.rowNumber)
          ? checkInputsText(inputsText, request.inputs)
          : row.problems;
        const skipReason = skipped.has(row.rowNumber)
          ? 'Skipped by the user.'
          : problems.length > 0
            ? `Skipped: ${problems.join(' ')}`
            : undefined;
        return { rowNumber: row.rowNumber, inputsText, skipReason };
      });

      const batchId = crypto.randomUUID();
      const active = connection.get();
      const runner = createBatchRunner({
        client,
        batchId,
        appId: request.appId,
        isDraft: request.isDraft,
        rows: runnerRows,
        concurrency: request.concurrency,
        ratePerMinute: request.ratePerMinute,
        onProgress: (progress) => dependencies.emit('batch.progress', progress),
        onResult: (result) => dependencies.emit('batch.result', { ...result, batchId }),
        onRunEnd: async (event) => {
          const problem = await recordRun(dependencies.history, {
            snapshot: event.snapshot,
            inputsText: event.inputsText,
            isDraft: request.isDraft,
            baseUrl: client.settings.baseUrl,
            key: active ? { label: active.label, apiKey: active.apiKey } : null,
            source: 'app',
            batchId,
            startedAt: event.startedAt,
            endedAt: new Date(),
          });
          dependencies.emit('history.changed', problem === undefined ? {} : { problem });
        },
      });
      batches.set(batchId, { runner, appId: request.appId });
      void runner.start();
      return { ok: true, value: { batchId, total: runnerRows.length } };
    },

    'batch.control': async ({ batchId, action }) => {
      const batch = batches.get(batchId);
      if (!batch) return { isApplied: false };
      if (action === 'retryFailed') return { isApplied: batch.runner.retryFailed() !== undefined };
      batch.runner[action]();
      return { isApplied: true };
    },

    'batch.export': async ({ batchId, format }) => {
      const batch = batches.get(batchId);
      if (!batch) {
        return {
          ok: false,
          failure: {
            kind: 'invalid-input',
            message: 'That batch is no longer known. Run it again to export results.',
          },
        };
      }
      const results = batch.runner.results();
      const text =
        format === 'csv'
          ? formatResultsCsv(results)
          : formatResultsJson(results, { batchId, appId: batch.appId });
      return { ok: true, value: { fileName: `batch-${batchId.slice(0, 8)}.${format}`, text } };
    },
  };

  /** Stops every batch, for a clean quit. */
  async function dispose(): Promise<void> {
    for (const { runner } of batches.values()) runner.stop();
  }

  return { handlers, dispose };
}

function toView(loadId: string, loaded: LoadedRows): LoadedRowsView {
  const { table, mapping, rows } = loaded;
  return {
    loadId,
    format: table.format,
    encoding: table.encoding,
    delimiter: table.delimiter,
    columns: table.columns,
    mapping,
    rows,
  };
}
