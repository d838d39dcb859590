import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef } from 'react';

import type { HistorySummary } from '../../core/history/history-summary.ts';
import { RUN_PHASE_WORDS } from '../../core/history/run-phase-words.ts';

const ROW_HEIGHT = 64;
/** Rows from the end of the loaded ones at which the next page is asked for. */
const LOAD_AHEAD_ROWS = 20;

interface HistoryListProps {
  entries: HistorySummary[];
  total: number;
  selectedIds: ReadonlySet<string>;
  openId: string | null;
  onToggleSelected: (id: string) => void;
  onOpen: (id: string) => void;
  onLoadMore: () => void;
}

/**
 * Renders the runs, newest first, as a virtualised list, so only the rows in view are in the
 * page however long the history is. Scrolling near the end loads the next page.
 */
export function HistoryList(props: HistoryListProps) {
  const { entries, total, selectedIds, openId, onToggleSelected, onOpen, onLoadMore } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  // The row that has focus stays in the page while it is scrolled out of view, so PageDown or a
  // scroll wheel does not drop a keyboard user's focus to the top of the page.
  const focusedIndexRef = useRef<number | null>(null);
  const rangeExtractor = useCallback((range: Range) => {
    const indexes = defaultRangeExtractor(range);
    const focusedIndex = focusedIndexRef.current;
    if (focusedIndex === null || focusedIndex >= range.count || indexes.includes(focusedIndex)) {
      return indexes;
    }
    return [...indexes, focusedIndex].sort((first, second) => first - second);
  }, []);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    rangeExtractor,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (entries.length < total && lastIndex >= entries.length - LOAD_AHEAD_ROWS) onLoadMore();
  }, [lastIndex, entries.length, total, onLoadMore]);

  if (total === 0) return <p className="muted">No runs match. Runs appear here when they end.</p>;

  return (
    <div ref={scrollRef} className="history-list" role="list" aria-label="Runs, newest first">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const entry = entries[item.index]!;
          const name = entry.workflowName || entry.appId;
          const time = new Date(entry.time).toLocaleString();
          return (
            <div
              key={entry.id}
              role="listitem"
              className={entry.id === openId ? 'history-row is-open' : 'history-row'}
              style={{ position: 'absolute', top: item.start, height: ROW_HEIGHT, width: '100%' }}
              data-testid="history-row"
              onFocus={() => {
                focusedIndexRef.current = item.index;
              }}
              onBlur={(event) => {
                if (!event.currentTarget.contains(event.relatedTarget)) {
                  focusedIndexRef.current = null;
                }
              }}
            >
              <input
                type="checkbox"
                aria-label={`Select run of ${name} at ${time}`}
                checked={selectedIds.has(entry.id)}
                onChange={() => onToggleSelected(entry.id)}
              />
              <button
                type="button"
                className="history-row-open"
                aria-label={`Open run of ${name} at ${time}, ${RUN_PHASE_WORDS[entry.phase]}`}
                onClick={() => onOpen(entry.id)}
              >
                <span className="history-row-line">
                  <span className={`phase phase-${entry.phase}`}>
                    {RUN_PHASE_WORDS[entry.phase]}
                  </span>
                  <span className="history-row-status">{entry.httpStatus ?? '—'}</span>
                  <strong>{name}</strong>
                  {entry.pinned && <span className="history-pin">pinned</span>}
                  {entry.isDraft && <span className="muted">draft</span>}
                  <time dateTime={entry.time} className="muted">
                    {time}
                  </time>
                </span>
                <span className="history-row-line muted">
                  {entry.outputPreview || entry.inputsPreview}
                </span>
              </button>
            </div>
          );
        })}
      </div>
    </div>
  );
}
