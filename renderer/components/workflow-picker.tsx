import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

import { explainFailure } from '../../core/explain-failure.ts';
import type { WorkflowSummary } from '../../core/schemas.ts';
import type { WorkflowPicks } from '../../core/workflow-picker-store.ts';
import { loadWorkflowById } from '../manual-workflow.ts';
import { problemFromError, problemFromFailure, type Problem } from '../problem.ts';
import { useDebouncedValue } from '../use-debounced-value.ts';
import { AppIdField } from './app-id-field.tsx';
import { FailureNotice } from './failure-notice.tsx';

const NO_PICKS: WorkflowPicks = { favourites: [], recents: [] };
const MAX_RECENTS_SHOWN = 5;

/**
 * Marks the search fields, for moving focus to the visible one once a connection is made. An
 * attribute rather than an id, because the Run and Batch views each have a picker.
 */
export const WORKFLOW_SEARCH_ATTRIBUTE = 'data-workflow-search';

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
  | { kind: 'loaded'; savedAt: string | null; offlineReason?: string }
  | { kind: 'failed'; problem: Problem };

/**
 * Lists the workflows the key can see, searchable by name, navigable by arrow keys, favourites
 * first. Offers recent workflows and a field for an app id that is not in the list. Offline, it
 * shows the list saved for this key, with its age.
 */
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
  const [picks, setPicks] = useState<WorkflowPicks>(NO_PICKS);
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
    window.hatz.inputs.listWorkflows(debouncedSearch ? { search: debouncedSearch } : {}).then(
      (result) => {
        if (!isCurrent) return;
        if (result.ok) {
          const { savedAt, offlineReason } = result.value;
          setWorkflows(result.value.workflows);
          setLoadState({
            kind: 'loaded',
            savedAt,
            offlineReason: offlineReason ? explainFailure(offlineReason).title : undefined,
          });
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
    if (!isConnected) {
      setPicks(NO_PICKS);
      return;
    }
    let isCurrent = true;
    window.hatz.inputs.getPicks().then(
      (next) => isCurrent && setPicks(next),
      () => isCurrent && setPicks(NO_PICKS),
    );
    return () => {
      isCurrent = false;
    };
  }, [isConnected, connectionKey]);

  const favouriteIds = new Set(picks.favourites.map((favourite) => favourite.id));
  // Favourites first; the sort is stable, so each group keeps the server's order.
  // The server's search runs after a pause in typing. Until its reply comes, the list is narrowed
  // here by name, as Hatz matches, so arrow keys and Enter never act on rows that no longer match.
  const typedSearch = search.trim().toLowerCase();
  const sortedWorkflows = workflows
    .filter((workflow) => workflow.name.toLowerCase().includes(typedSearch))
    .sort(
      (first, second) => Number(favouriteIds.has(second.id)) - Number(favouriteIds.has(first.id)),
    );
  const selectedWorkflow = workflows.find((workflow) => workflow.id === selectedWorkflowId);

  function selectWorkflow(workflow: WorkflowSummary) {
    onSelect(workflow);
    window.hatz.inputs
      .addRecent({ workflow: { id: workflow.id, name: workflow.name } })
      .then(setPicks, () => {});
  }

  function handleToggleFavourite() {
    if (!selectedWorkflow) return;
    const workflow = { id: selectedWorkflow.id, name: selectedWorkflow.name };
    window.hatz.inputs
      .setFavourite({ workflow, isFavourite: !favouriteIds.has(workflow.id) })
      .then(setPicks, () => {});
  }

  async function handleChooseRecent(id: string) {
    const listed = workflows.find((workflow) => workflow.id === id);
    selectWorkflow(listed ?? (await loadWorkflowById(id)).workflow);
  }

  useEffect(() => {
    const selectedIndex = sortedWorkflows.findIndex(
      (workflow) => workflow.id === selectedWorkflowId,
    );
    setActiveIndex(Math.max(selectedIndex, 0));
  }, [workflows, picks, selectedWorkflowId, typedSearch]);

  useEffect(() => {
    document.getElementById(optionId(baseId, activeIndex))?.scrollIntoView({ block: 'nearest' });
  }, [baseId, activeIndex]);

  function handleChoose(index: number) {
    const workflow = sortedWorkflows[index];
    if (!workflow) return;
    setActiveIndex(index);
    selectWorkflow(workflow);
  }

  function handleListKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    // Ctrl+Enter and Cmd+Enter belong to the window-wide Send shortcut.
    if (event.ctrlKey || event.metaKey || event.altKey) return;

    const lastIndex = sortedWorkflows.length - 1;
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
    if (event.key === 'ArrowDown' && sortedWorkflows.length > 0) {
      event.preventDefault();
      listRef.current?.focus();
    }
  }

  const hasOptions = sortedWorkflows.length > 0;
  const isLoading = loadState.kind === 'loading';

  return (
    <section className="panel workflow-picker" aria-labelledby={`${baseId}-heading`}>
      <h2 id={`${baseId}-heading`}>Workflow</h2>

      <label className="field-label" htmlFor={`${baseId}-search`}>
        Search workflows
      </label>
      <input
        id={`${baseId}-search`}
        {...{ [WORKFLOW_SEARCH_ATTRIBUTE]: '' }}
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
          count: sortedWorkflows.length,
          search: search.trim(),
        })}
      </p>

      {loadState.kind === 'loaded' && loadState.savedAt !== null && (
        <p className="notice-warning">
          Offline{loadState.offlineReason ? ` (${loadState.offlineReason})` : ''}: this is the list
          saved {describeAge(loadState.savedAt)}.
        </p>
      )}

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
        {sortedWorkflows.map((workflow, index) => (
          <li
            key={workflow.id}
            id={optionId(baseId, index)}
            role="option"
            aria-selected={workflow.id === selectedWorkflowId}
            // An app's kind joins its name, so a screen reader reads "Meeting notes app".
            aria-labelledby={
              workflow.kind === 'app'
                ? `${optionId(baseId, index)}-name ${optionId(baseId, index)}-kind`
                : `${optionId(baseId, index)}-name`
            }
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
              {favouriteIds.has(workflow.id) && (
                <span className="favourite-mark" title="Favourite">
                  ★<span className="visually-hidden"> favourite</span>
                </span>
              )}
              <span
                id={`${optionId(baseId, index)}-kind`}
                className={workflow.kind === 'app' ? 'badge is-app' : 'badge'}
              >
                {workflow.kind}
              </span>
            </span>
            {workflow.description && (
              <span id={`${optionId(baseId, index)}-description`} className="workflow-description">
                {workflow.description}
              </span>
            )}
          </li>
        ))}
      </ul>

      {/* Always rendered, so a screen reader announces the notice when an app is chosen. */}
      <div aria-live="polite">
        {selectedWorkflow?.kind === 'app' && <AppNotice name={selectedWorkflow.name} />}
      </div>

      {selectedWorkflow && (
        <button
          type="button"
          className="button-small favourite-toggle"
          aria-pressed={favouriteIds.has(selectedWorkflow.id)}
          onClick={handleToggleFavourite}
        >
          {favouriteIds.has(selectedWorkflow.id) ? '★ Favourite' : '☆ Add to favourites'}
        </button>
      )}

      {picks.recents.length > 0 && (
        <nav className="recent-workflows" aria-label="Recent workflows">
          <span className="field-label">Recent</span>
          <ul>
            {picks.recents.slice(0, MAX_RECENTS_SHOWN).map((recent) => (
              <li key={recent.id}>
                <button
                  type="button"
                  className="link-button"
                  aria-current={recent.id === selectedWorkflowId || undefined}
                  onClick={() => void handleChooseRecent(recent.id)}
                >
                  {recent.name || recent.id}
                </button>
              </li>
            ))}
          </ul>
        </nav>
      )}

      <AppIdField isConnected={isConnected} onSelect={selectWorkflow} />
    </section>
  );
}

/**
 * Warns that the chosen item looks like an app. The kind is a guess from the item having no
 * `steps`, so Send stays available.
 */
function AppNotice({ name }: { name: string }) {
  return (
    <p className="notice-warning app-notice">
      "{name || 'Unnamed workflow'}" looks like an app, not a workflow, because it lists no steps.
      Send uses the workflow webhook (<code>POST /v1/workflows/run</code>), which will likely reply
      "not found" for an app. Apps run through <code>POST /v1/app/&#123;app_id&#125;/query</code>,
      which this tool does not send. You can still press Send to check.
    </p>
  );
}

/** Says how long ago a list was saved, in the largest whole unit. */
function describeAge(savedAt: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(savedAt)) / 60_000));
  if (minutes < 1) return 'less than a minute ago';
  if (minutes < 60) return minutes === 1 ? '1 minute ago' : `${minutes} minutes ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return hours === 1 ? '1 hour ago' : `${hours} hours ago`;
  return `${Math.round(hours / 24)} days ago`;
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
