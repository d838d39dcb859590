import { holdLargeBodies } from '../../core/body-shelf.ts';
import { exportHistoryCsv, exportHistoryJson } from '../../core/history/export-history.ts';
import type { HistoryRecord } from '../../core/history/history-record.ts';
import { FIRST_RUNS_BEFORE_OPEN } from '../../core/history-store.ts';
import { lastFour, maskKey } from '../../core/mask-key.ts';
import type { Result } from '../../core/schemas.ts';
import { HATZ_BASE_URL } from '../../core/settings.ts';
import { buildSnippet } from '../../core/snippets.ts';
import { NO_CONNECTION, type HandlerContext, type HandlersFor } from './handler-context.ts';

type HistoryChannel =
  | 'history.list'
  | 'history.get'
  | 'history.delete'
  | 'history.restore'
  | 'history.pin'
  | 'history.clear'
  | 'history.getRetention'
  | 'history.setRetention'
  | 'history.export'
  | 'history.snippet';

/** Serves the history of runs and builds snippets, which need the key that stays in this process. */
export function createHistoryHandlers({ dependencies, connection, bodies }: HandlerContext) {
  const { history } = dependencies;

  /** Replaces the active key wherever it appears, as a last guard on text that leaves. */
  function withoutKey(text: string): string {
    const apiKey = connection.get()?.apiKey ?? '';
    return apiKey.length >= 4 ? text.replaceAll(apiKey, maskKey(apiKey)) : text;
  }

  async function readRecords(ids: string[]): Promise<HistoryRecord[]> {
    const records: HistoryRecord[] = [];
    for (const id of new Set(ids)) {
      const record = await history.get(id);
      if (record) records.push(record);
    }
    return records;
  }

  // Older runs may still be read after the newest are listed, so the view lists again at the end.
  if (!history.isIndexComplete()) {
    void history.whenIndexed().then(() => dependencies.emit('history.changed', {}));
  }

  const handlers: HandlersFor<HistoryChannel> = {
    'history.list': async ({ offset, limit, ...filter }) => {
      await history.refresh();
      // Only the newest runs are known in full before the index is complete, so others wait for it.
      const hasFilter = Object.values(filter).some((value) => value !== undefined && value !== '');
      if (hasFilter || offset + limit > FIRST_RUNS_BEFORE_OPEN) await history.whenIndexed();
      const page = history.list({ ...filter, offset, limit });
      return {
        ...page,
        ...history.listFacets(),
        problems: [...history.problems],
        isComplete: history.isIndexComplete(),
      };
    },

    'history.get': async ({ id }) => {
      const record = await history.get(id);
      return { record: record ? holdLargeBodies(record, bodies) : null };
    },

    'history.delete': async ({ ids }) => ({ count: await history.delete(ids) }),

    'history.restore': async ({ ids }) => ({ count: await history.restore(ids) }),

    'history.pin': async ({ id, pinned }) => ({ changed: await history.pin(id, pinned) }),

    'history.clear': async ({ keepPinned }) => ({ count: await history.clear({ keepPinned }) }),

    'history.getRetention': async () => history.getRetention(),

    'history.setRetention': async (retention) => {
      await history.setRetention(retention);
      return history.getRetention();
    },

    'history.export': async ({ ids, format }) => {
      const records = await readRecords(ids);
      const text = format === 'json' ? exportHistoryJson(records) : exportHistoryCsv(records);
      const stamp = new Date().toISOString().slice(0, 19).replaceAll(':', '-');
      return {
        text: withoutKey(text),
        fileName: `hatz-history-${stamp}.${format}`,
        count: records.length,
      };
    },

    'history.snippet': async ({ source, language, includeKey }) => {
      const active = connection.get();
      let request: { appId: string; inputsText: string; isDraft: boolean; baseUrl: string };
      let keyLastFour: string | undefined;
      if ('historyId' in source) {
        const record = await history.get(source.historyId);
        if (!record) return notFound(source.historyId);
        request = { ...record.request };
        keyLastFour = record.key?.lastFour;
      } else {
        request = { ...source, baseUrl: active?.baseUrl ?? HATZ_BASE_URL };
      }

      let apiKey: string | undefined;
      if (includeKey) {
        if (!active) return { ok: false, failure: NO_CONNECTION };
        const activeLastFour = lastFour(active.apiKey);
        if (keyLastFour !== undefined && keyLastFour !== activeLastFour) {
          const message = `This run was sent with the key ending ${keyLastFour || '(short key)'}, but the active key ends ${activeLastFour || '(short key)'}. Make that key active to include it, or copy without the key.`;
          return { ok: false, failure: { kind: 'invalid-input', message } };
        }
        apiKey = active.apiKey;
      }

      const snippet = buildSnippet({ ...request, language, apiKey });
      return snippet.ok ? { ok: true, value: { text: snippet.value } } : snippet;
    },
  };

  return { handlers };
}

function notFound(id: string): Result<never> {
  const message = `The run ${id} is not in history: it is still being saved, or it was deleted or removed by the retention limit. Try again in a moment.`;
  return { ok: false, failure: { kind: 'invalid-input', message } };
}
