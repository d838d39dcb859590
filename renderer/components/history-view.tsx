import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

import type { HistoryRecord, HistoryRequest } from '../../core/history/history-record.ts';
import type { HistoryFilter, HistorySummary } from '../../core/history/history-summary.ts';
import { focusFirstAvailable, focusWhenFocusLost, isFocusLost } from '../focus-after-removal.ts';
import { problemFromError, type Problem } from '../problem.ts';
import { useDebouncedValue } from '../use-debounced-value.ts';
import { ClearHistoryButton } from './clear-history-button.tsx';
import { CompareRuns } from './compare-runs.tsx';
import { FailureNotice } from './failure-notice.tsx';
import { HistoryDetail } from './history-detail.tsx';
import { HistoryFilters } from './history-filters.tsx';
import { HistoryList } from './history-list.tsx';
import { RetentionSettings } from './retention-settings.tsx';

const PAGE_SIZE = 100;
const SEARCH_DELAY_MS = 150;
const UNDO_MS = 10_000;

interface HistoryViewProps {
  /** Whether the view is shown; a hidden view does not query history. */
  isActive: boolean;
  onRerun: (request: HistoryRequest) => void;
}

interface Facets {
  workflows: { appId: string; name: string }[];
  keys: { label: string; lastFour: string }[];
}

/**
 * Renders the History view: every kept run, newest first, with search, filters, detail, compare,
 * export, pin, delete with undo, clear and retention.
 */
export function HistoryView({ isActive, onRerun }: HistoryViewProps) {
  const [filter, setFilter] = useState<HistoryFilter>({});
  const debouncedFilter = useDebouncedValue(filter, SEARCH_DELAY_MS);
  const [entries, setEntries] = useState<HistorySummary[]>([]);
  const [total, setTotal] = useState(0);
  const [isCountComplete, setIsCountComplete] = useState(true);
  const [facets, setFacets] = useState<Facets>({ workflows: [], keys: [] });
  const [storeProblems, setStoreProblems] = useState<string[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [selectedIds, setSelectedIds] = useState<ReadonlySet<string>>(new Set());
  const [openRecord, setOpenRecord] = useState<HistoryRecord | null>(null);
  const [comparison, setComparison] = useState<[HistoryRecord, HistoryRecord] | null>(null);
  const [undo, setUndo] = useState<{ ids: string[]; message: string } | null>(null);
  const [notice, setNotice] = useState('');
  const [revision, setRevision] = useState(0);
  const [isRetentionOpen, setIsRetentionOpen] = useState(false);
  // Replies can arrive out of order while the user types, so only the latest query is applied.
  const queryRef = useRef(0);
  const isLoadingMoreRef = useRef(false);

  const viewRef = useRef<HTMLDivElement>(null);
  const hadUndoRef = useRef(false);
  // When Undo is pressed or times out, it goes away, so focus goes to the search field.
  useLayoutEffect(() => {
    const isUndoGone = hadUndoRef.current && undo === null;
    hadUndoRef.current = undo !== null;
    if (isUndoGone && isFocusLost()) {
      focusFirstAvailable([viewRef.current?.querySelector('input[type="search"]')]);
    }
  }, [undo]);

  const reload = useCallback(() => setRevision((value) => value + 1), []);

  useEffect(() => {
    if (!isActive) return;
    const query = ++queryRef.current;
    window.hatz.history.list({ ...debouncedFilter, offset: 0, limit: PAGE_SIZE }).then(
      (reply) => {
        if (query !== queryRef.current) return;
        setEntries(reply.entries);
        setTotal(reply.total);
        setIsCountComplete(reply.isComplete);
        setFacets({ workflows: reply.workflows, keys: reply.keys });
        setStoreProblems(reply.problems);
        setProblem(null);
      },
      (error: unknown) => setProblem(problemFromError('Reading history', error)),
    );
  }, [debouncedFilter, revision, isActive]);

  useEffect(
    () =>
      window.hatz.history.onChange((event) => {
        if (event.problem) setNotice(event.problem);
        reload();
      }),
    [reload],
  );

  useEffect(() => {
    if (!undo) return;
    const timer = setTimeout(() => setUndo(null), UNDO_MS);
    return () => clearTimeout(timer);
  }, [undo]);

  const handleLoadMore = useCallback(() => {
    if (isLoadingMoreRef.current) return;
    isLoadingMoreRef.current = true;
    const query = queryRef.current;
    window.hatz.history
      .list({ ...debouncedFilter, offset: entries.length, limit: PAGE_SIZE })
      .then(
        (reply) => {
          if (query !== queryRef.current) return;
          setEntries((current) => [...current, ...reply.entries]);
          setTotal(reply.total);
        },
        (error: unknown) => setProblem(problemFromError('Reading more history', error)),
      )
      .finally(() => {
        isLoadingMoreRef.current = false;
      });
  }, [debouncedFilter, entries.length]);

  async function run(operation: string, work: () => Promise<void>) {
    setProblem(null);
    try {
      await work();
    } catch (error) {
      setProblem(problemFromError(operation, error));
    }
  }

  function handleToggleSelected(id: string) {
    setSelectedIds((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  function handleOpen(id: string) {
    void run('Opening the run', async () => {
      const { record } = await window.hatz.history.get({ id });
      setComparison(null);
      setOpenRecord(record);
      if (!record) setNotice('That run is no longer in history.');
    });
  }

  function handleDelete(ids: string[]) {
    void run('Deleting runs', async () => {
      const { count } = await window.hatz.history.delete({ ids });
      setUndo({ ids, message: `Deleted ${count} run${count === 1 ? '' : 's'}.` });
      setSelectedIds(new Set());
      if (openRecord && ids.includes(openRecord.id)) setOpenRecord(null);
      reload();
    });
  }

  function handleUndo() {
    if (!undo) return;
    const { ids } = undo;
    setUndo(null);
    void run('Restoring runs', async () => {
      await window.hatz.history.restore({ ids });
      reload();
    });
  }

  function handlePin(record: HistoryRecord) {
    void run('Pinning the run', async () => {
      await window.hatz.history.pin({ id: record.id, pinned: !record.pinned });
      setOpenRecord({ ...record, pinned: !record.pinned });
      reload();
    });
  }

  function handleClear(keepPinned: boolean) {
    void run('Clearing history', async () => {
      const { count } = await window.hatz.history.clear({ keepPinned });
      setNotice(`Cleared ${count} run${count === 1 ? '' : 's'}.`);
      setSelectedIds(new Set());
      setOpenRecord(null);
      setComparison(null);
      reload();
    });
  }

  function handleCompare() {
    void run('Comparing runs', async () => {
      const [first, second] = await Promise.all(
        [...selectedIds].map((id) => window.hatz.history.get({ id })),
      );
      if (!first?.record || !second?.record) {
        setNotice('One of the selected runs is no longer in history.');
        return;
      }
      const pair = [first.record, second.record].sort((a, b) => a.time.localeCompare(b.time));
      setComparison([pair[0]!, pair[1]!]);
    });
  }

  function handleExport(format: 'json' | 'csv') {
    void run('Exporting runs', async () => {
      const reply = await window.hatz.history.export({ ids: [...selectedIds], format });
      const type = format === 'json' ? 'application/json' : 'text/csv';
      const url = URL.createObjectURL(new Blob([reply.text], { type }));
      const link = document.createElement('a');
      link.href = url;
      link.download = reply.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 0);
      setNotice(`Exported ${reply.count} run${reply.count === 1 ? '' : 's'} as ${reply.fileName}.`);
    });
  }

  const selectedCount = selectedIds.size;

  return (
    <div className="history-view" ref={viewRef}>
      <div className="panel history-column">
        <HistoryFilters
          filter={filter}
          workflows={facets.workflows}
          keys={facets.keys}
          onChange={setFilter}
        />
        <div className="history-toolbar" role="toolbar" aria-label="Selected runs">
          <span className="muted" role="status">
            {isCountComplete
              ? `${total} run${total === 1 ? '' : 's'}`
              : `${total} newest runs; reading older runs…`}
            {selectedCount > 0 ? `, ${selectedCount} selected` : ''}
          </span>
          <button
            type="button"
            className="button-small"
            disabled={selectedCount !== 2}
            title="Select exactly two runs to compare them"
            onClick={handleCompare}
          >
            Compare selected
          </button>
          <button
            type="button"
            className="button-small"
            disabled={selectedCount === 0}
            onClick={() => handleExport('json')}
          >
            Export JSON
          </button>
          <button
            type="button"
            className="button-small"
            disabled={selectedCount === 0}
            onClick={() => handleExport('csv')}
          >
            Export CSV
          </button>
          <button
            type="button"
            className="button-small"
            disabled={selectedCount === 0}
            onClick={() => handleDelete([...selectedIds])}
          >
            Delete selected
          </button>
          <ClearHistoryButton total={total} onClear={handleClear} />
          <button
            type="button"
            className="button-small"
            aria-expanded={isRetentionOpen}
            onClick={() => setIsRetentionOpen((value) => !value)}
          >
            Retention…
          </button>
        </div>
        {isRetentionOpen && <RetentionSettings onSaved={reload} />}
        {undo && (
          <p className="history-undo" role="status">
            {undo.message}{' '}
            {/* Deleting closes the run's detail or empties the selection, so focus goes to Undo. */}
            <button
              ref={focusWhenFocusLost}
              type="button"
              className="button-small"
              onClick={handleUndo}
            >
              Undo
            </button>
          </p>
        )}
        {notice && (
          <p className="muted" role="status">
            {notice}
          </p>
        )}
        {problem && <FailureNotice problem={problem} />}
        {storeProblems.map((text) => (
          <p key={text} className="notice-warning">
            {text}
          </p>
        ))}
        <HistoryList
          entries={entries}
          total={total}
          selectedIds={selectedIds}
          openId={openRecord?.id ?? null}
          onToggleSelected={handleToggleSelected}
          onOpen={handleOpen}
          onLoadMore={handleLoadMore}
        />
      </div>

      {comparison ? (
        <div className="panel">
          <CompareRuns
            before={comparison[0]}
            after={comparison[1]}
            onClose={() => setComparison(null)}
          />
        </div>
      ) : openRecord ? (
        <HistoryDetail
          record={openRecord}
          onRerun={(record) => onRerun(record.request)}
          onPin={handlePin}
          onDelete={(record) => handleDelete([record.id])}
        />
      ) : (
        <div className="panel">
          <p className="muted">Open a run to see its reply, job and outputs.</p>
        </div>
      )}
    </div>
  );
}
