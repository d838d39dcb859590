import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

import type { WorkflowSummary } from '../../core/schemas.ts';
import { problemFromError, problemFromFailure, type Problem } from '../problem.ts';
import { useDebouncedValue } from '../use-debounced-value.ts';
import { FailureNotice } from './failure-notice.tsx';

const SEARCH_DELAY_MS = 250;
const MAX_SEARCH_LENGTH = 200;

interface WorkflowPickerProps {
  isConnected: boolean;
  /** Changes whenever the server or key changes, so the list loads again for the new key. */
  connectionKey: string;
  selectedWorkflowId: string | null;
  onSelect: (workflow: WorkflowSummary) => void;
}

type LoadState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'loaded' }
  | { kind: 'failed'; problem: Problem };

/** Lists the workflows the key can see, searchable by name, navigable by arrow keys. */
export function WorkflowPicker({
  isConnected,
  connectionKey,
  selectedWorkflowId,
  onSelect,
}: WorkflowPickerProps) {
  const [search, setSearch] = useState('');
  const [workflows, setWorkflows] = useState<WorkflowSummary[]>([]);
  const [loadState, setLoadState] = useState<LoadState>({ kind: 'idle' });
  const [reloadCount, setReloadCount] = useState(0);
  const [activeIndex, setActiveIndex] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);
  const baseId = useId();
  const debouncedSearch = useDebouncedValue(search.trim(), SEARCH_DELAY_MS);

  useEffect(() => {
    if (!isConnected) {
      setWorkflows([]);
      setLoadState({ kind: 'idle' });
      return;
    }

    // A reply that arrives after a newer search started is dropped, so results never go backwards.
    let isCurrent = true;
    setLoadState({ kind: 'loading' });
    window.hatz.workflows.list(debouncedSearch ? { search: debouncedSearch } : {}).then(
      (result) => {
        if (!isCurrent) return;
        if (result.ok) {
          setWorkflows(result.value.workflows);
          setLoadState({ kind: 'loaded' });
        } else {
          setWorkflows([]);
          setLoadState({ kind: 'failed', problem: problemFromFailure(result.failure) });
        }
      },
      (error: unknown) => {
        if (!isCurrent) return;
        setWorkflows([]);
        setLoadState({ kind: 'failed', problem: problemFromError('Loading workflows', error) });
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [isConnected, connectionKey, debouncedSearch, reloadCount]);

  useEffect(() => {
    const selectedIndex = workflows.findIndex((workflow) => workflow.id === selectedWorkflowId);
    setActiveIndex(Math.max(selectedIndex, 0));
  }, [workflows, selectedWorkflowId]);

  useEffect(() => {
    document.getElementById(optionId(baseId, activeIndex))?.scrollIntoView({ block: 'nearest' });
  }, [baseId, activeIndex]);

  function handleChoose(index: number) {
    const workflow = workflows[index];
    if (!workflow) return;
    setActiveIndex(index);
    onSelect(workflow);
  }

  function handleListKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    // Ctrl+Enter and Cmd+Enter belong to the window-wide Send shortcut.
    if (event.ctrlKey || event.metaKey || event.altKey) return;

    const lastIndex = workflows.length - 1;
    const nextIndexByKey: Record<string, number> = {
      ArrowDown: Math.min(activeIndex + 1, lastIndex),
      ArrowUp: Math.max(activeIndex - 1, 0),
      Home: 0,
      End: lastIndex,
    };

    const nextIndex = nextIndexByKey[event.key];
    if (nextIndex !== undefined && lastIndex >= 0) {
      event.preventDefault();
      setActiveIndex(nextIndex);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      handleChoose(activeIndex);
    }
  }

  function handleSearchKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' && workflows.length > 0) {
      event.preventDefault();
      listRef.current?.focus();
    }
  }

  const hasOptions = workflows.length > 0;
  const isLoading = loadState.kind === 'loading';

  return (
    <section className="panel workflow-picker" aria-labelledby={`${baseId}-heading`}>
      <h2 id={`${baseId}-heading`}>Workflow</h2>

      <label className="field-label" htmlFor={`${baseId}-search`}>
        Search workflows
      </label>
      <input
        id={`${baseId}-search`}
        type="search"
        maxLength={MAX_SEARCH_LENGTH}
        value={search}
        disabled={!isConnected}
        aria-controls={`${baseId}-list`}
        onChange={(event) => setSearch(event.target.value)}
        onKeyDown={handleSearchKeyDown}
      />

      <p className="status-message" role="status">
        {describeLoadState({
          loadState,
          isConnected,
          count: workflows.length,
          search: debouncedSearch,
        })}
      </p>

      {loadState.kind === 'failed' && (
        <div className="picker-failure">
          <FailureNotice problem={loadState.problem} />
          <button type="button" onClick={() => setReloadCount(reloadCount + 1)}>
            Try again
          </button>
        </div>
      )}

      <ul
        ref={listRef}
        id={`${baseId}-list`}
        className="workflow-list"
        role="listbox"
        aria-label="Workflows"
        aria-busy={isLoading}
        aria-activedescendant={hasOptions ? optionId(baseId, activeIndex) : undefined}
        tabIndex={hasOptions ? 0 : -1}
        onKeyDown={handleListKeyDown}
      >
        {workflows.map((workflow, index) => (
          <li
            key={workflow.id}
            id={optionId(baseId, index)}
            role="option"
            aria-selected={workflow.id === selectedWorkflowId}
            aria-labelledby={`${optionId(baseId, index)}-name`}
            aria-describedby={
              workflow.description ? `${optionId(baseId, index)}-description` : undefined
            }
            className={index === activeIndex ? 'workflow-option is-active' : 'workflow-option'}
            onClick={() => handleChoose(index)}
          >
            <span className="workflow-option-heading">
              <span id={`${optionId(baseId, index)}-name`} className="workflow-name">
                {workflow.name || 'Unnamed workflow'}
              </span>
              <span className="badge">{workflow.kind}</span>
            </span>
            {workflow.description && (
              <span id={`${optionId(baseId, index)}-description`} className="workflow-description">
                {workflow.description}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function optionId(baseId: string, index: number): string {
  return `${baseId}-option-${index}`;
}

function describeLoadState(options: {
  loadState: LoadState;
  isConnected: boolean;
  count: number;
  search: string;
}): string {
  const { loadState, isConnected, count, search } = options;
  if (!isConnected) return 'Connect a key or the practice sandbox to list workflows.';

  switch (loadState.kind) {
    case 'idle':
    case 'loading':
      return 'Loading workflows…';
    case 'failed':
      return 'Could not load workflows.';
    case 'loaded':
      if (count === 0)
        return search ? `No workflow name contains "${search}".` : 'This key sees no workflows.';
      return count === 1 ? '1 workflow' : `${count} workflows`;
  }
}
