import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';

import { MAX_BODY_PIECE_LENGTH } from '../../core/body-shelf.ts';
import type { HeldBody } from '../../core/schemas.ts';
import { formatBody } from '../format-json.ts';
import { problemFromError, type Problem } from '../problem.ts';
import { FailureNotice } from './failure-notice.tsx';

/** Maximum length, in characters, of a body that is pretty-printed. Longer bodies are shown as received. */
const MAX_PRETTY_LENGTH = 1_000_000;
/** Long lines are cut into rows of this many characters, so no row contains megabytes. */
const ROW_LENGTH = 400;
/** Characters indexed per task, which keeps each task far below 100 ms. */
const INDEX_SLICE_LENGTH = 2_000_000;
const ROW_HEIGHT = 18;

interface BodyViewerProps {
  /** The body, or an empty string when it is held in the main process. */
  body: string;
  heldBody?: HeldBody | undefined;
  label: string;
}

/**
 * Shows a large reply body as virtualised rows, so a body of tens of megabytes opens, scrolls and
 * searches without freezing the window. A body held in the main process is read in pieces of a
 * megabyte, one task each, with progress shown.
 */
export function BodyViewer({ body, heldBody, label }: BodyViewerProps) {
  const loading = useHeldBody(heldBody);
  if (!heldBody) return <RowsViewer body={body} label={label} />;
  if (loading.text !== undefined) return <RowsViewer body={loading.text} label={label} />;
  if (loading.problem) return <FailureNotice problem={loading.problem} />;
  return (
    <p className="muted" role="status">
      Reading the body: {Math.floor(loading.progress * 100)}% of {heldBody.length.toLocaleString()}{' '}
      characters…
    </p>
  );
}

const RELEASED_BODY_PROBLEM: Problem = {
  title: 'Body no longer in memory',
  detail:
    'The app keeps a limited amount of large bodies, and newer ones took the place of this one.',
  fix: 'Open the run again from History; its body is kept there on disk.',
};

interface HeldBodyState {
  text?: string;
  progress: number;
  problem?: Problem;
}

/** Reads a held body piece by piece. Each piece is a separate task, so none holds up the window. */
function useHeldBody(heldBody: HeldBody | undefined): HeldBodyState {
  const [state, setState] = useState<HeldBodyState>({ progress: 0 });
  const id = heldBody?.id;
  const length = heldBody?.length ?? 0;

  useEffect(() => {
    if (id === undefined) return;
    let isCancelled = false;
    setState({ progress: 0 });
    void (async () => {
      const pieces: string[] = [];
      for (let start = 0; start < length; start += MAX_BODY_PIECE_LENGTH) {
        const end = Math.min(length, start + MAX_BODY_PIECE_LENGTH);
        try {
          const reply = await window.hatz.bodies.read({ id, start, end });
          if (isCancelled) return;
          if (reply.text === null) {
            setState({ progress: start / length, problem: RELEASED_BODY_PROBLEM });
            return;
          }
          pieces.push(reply.text);
        } catch (error) {
          if (!isCancelled) {
            setState({
              progress: start / length,
              problem: problemFromError('Reading the body', error),
            });
          }
          return;
        }
        setState({ progress: end / length });
      }
      setState({ text: pieces.join(''), progress: 1 });
    })();
    return () => {
      isCancelled = true;
    };
  }, [id, length]);

  return state;
}

/**
 * Shows a body as virtualised rows. Rows are found in slices between tasks, and nothing larger
 * than a megabyte is parsed as JSON on this thread.
 */
function RowsViewer({ body, label }: { body: string; label: string }) {
  const [isPretty, setIsPretty] = useState(true);
  const canPrettyPrint = body.length <= MAX_PRETTY_LENGTH;
  const text = useMemo(
    () => (canPrettyPrint && isPretty ? formatBody(body).text : body),
    [body, canPrettyPrint, isPretty],
  );
  const { rowStarts, progress } = useRowIndex(text);
  const [query, setQuery] = useState('');
  const [match, setMatch] = useState<{ offset: number; row: number } | null>(null);
  const [searchMessage, setSearchMessage] = useState('');
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rowStarts.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });

  function handleFind(event: FormEvent) {
    event.preventDefault();
    if (query === '') return;
    const from = match ? match.offset + 1 : 0;
    let offset = text.indexOf(query, from);
    if (offset === -1 && from > 0) offset = text.indexOf(query, 0);
    if (offset === -1) {
      setMatch(null);
      setSearchMessage(`"${query}" is not in the body.`);
      return;
    }
    const row = findRow(rowStarts, offset);
    setMatch({ offset, row });
    setSearchMessage(`Found at character ${offset + 1}, row ${row + 1}.`);
    virtualizer.scrollToIndex(row, { align: 'center' });
  }

  return (
    <div className="body-viewer-frame">
      <form className="history-toolbar" onSubmit={handleFind}>
        <input
          type="search"
          aria-label={`Find in ${label}`}
          placeholder="Find in body"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setMatch(null);
          }}
        />
        <button type="submit" className="button-small">
          Find next
        </button>
        {canPrettyPrint ? (
          <button
            type="button"
            className="button-small"
            aria-pressed={!isPretty}
            onClick={() => setIsPretty((value) => !value)}
          >
            {isPretty ? 'Show raw' : 'Show pretty'}
          </button>
        ) : (
          <span className="muted">Shown as received: bodies over 1 MB are not re-indented.</span>
        )}
        <span className="muted" role="status">
          {progress < 1 ? `Indexing ${Math.round(progress * 100)}%…` : searchMessage}
        </span>
      </form>
      <div ref={scrollRef} className="body-viewer" role="region" aria-label={label} tabIndex={0}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const start = rowStarts[item.index]!;
            const end = rowStarts[item.index + 1] ?? text.length;
            return (
              <div
                key={item.index}
                className={
                  match?.row === item.index ? 'body-viewer-line is-match' : 'body-viewer-line'
                }
                style={{ position: 'absolute', top: item.start, height: ROW_HEIGHT, width: '100%' }}
              >
                {text.slice(start, end).replace(/\r?\n$/, '')}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** Finds the row starts of `text` in slices, one task per slice, and reports the progress. */
function useRowIndex(text: string) {
  const [state, setState] = useState<{ rowStarts: number[]; progress: number }>({
    rowStarts: [],
    progress: 0,
  });

  useEffect(() => {
    let isCancelled = false;
    const rowStarts = [0];
    let position = 0;
    let nextNewline = -1;

    function indexSlice() {
      if (isCancelled) return;
      const sliceEnd = Math.min(text.length, position + INDEX_SLICE_LENGTH);
      while (position < sliceEnd) {
        if (nextNewline < position) {
          const found = text.indexOf('\n', position);
          nextNewline = found === -1 ? Number.MAX_SAFE_INTEGER : found;
        }
        const rowEnd = Math.min(nextNewline + 1, position + ROW_LENGTH);
        if (rowEnd >= text.length) {
          position = text.length;
          break;
        }
        rowStarts.push(rowEnd);
        position = rowEnd;
      }
      const isDone = position >= text.length;
      setState({
        rowStarts: isDone ? rowStarts : [],
        progress: isDone ? 1 : position / text.length,
      });
      if (!isDone) setTimeout(indexSlice, 0);
    }

    indexSlice();
    return () => {
      isCancelled = true;
    };
  }, [text]);

  return state;
}

/** Returns the index of the row that contains character `offset`. */
function findRow(rowStarts: number[], offset: number): number {
  let low = 0;
  let high = rowStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (rowStarts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}
