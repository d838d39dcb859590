import { useCallback, useEffect, useRef, useState } from 'react';

import type { ConnectionInfo } from '../core/ipc-contract.ts';
import type { HistoryRequest } from '../core/history/history-record.ts';
import type { RunPhase, WorkflowSummary } from '../core/schemas.ts';
import { BatchView } from './components/batch-view.tsx';
import { ConnectionBar } from './components/connection-bar.tsx';
import { CurlImportDialog, type CurlRequestFill } from './components/curl-import-dialog.tsx';
import { HistoryView } from './components/history-view.tsx';
import { KeyManager } from './components/key-manager.tsx';
import type { PickedWorkflow } from './components/key-switcher.tsx';
import { InputsEditor } from './components/inputs-editor.tsx';
import { ResponsePane } from './components/response-pane.tsx';
import { RunControls } from './components/run-controls.tsx';
import { ViewTabs, type ViewTab } from './components/view-tabs.tsx';
import { WorkflowPicker } from './components/workflow-picker.tsx';
import { buildInputsTemplate, isUntouchedInputsText } from './inputs-template.ts';
import { describeLintBlock } from './lint-block.ts';
import { loadUnsentRun, saveUnsentRun } from './unsent-run-storage.ts';
import { problemFromError, problemFromFailure, type Problem } from './problem.ts';

type ViewId = 'run' | 'keys' | 'batch' | 'history';

/** Views of the main area, in tab order; Ctrl+1 opens the first. */
const VIEWS: readonly ViewTab<ViewId>[] = [
  { id: 'run', label: 'Run' },
  { id: 'keys', label: 'Keys' },
  { id: 'batch', label: 'Batch' },
  { id: 'history', label: 'History' },
];

/** Time after a Send press during a run in which a second press starts another run. */
const SECOND_SEND_WINDOW_MS = 5000;

const RUN_IN_PROGRESS_MESSAGE =
  'A run is still in progress. Press Send again within 5 seconds to start another run; each run uses credits.';

/** Renders the whole window: connection on top, then workflow, inputs and response side by side. */
export function App() {
  const [view, setView] = useState<ViewId>('run');
  const [connection, setConnection] = useState<ConnectionInfo | null>(null);
  const [connectionProblem, setConnectionProblem] = useState<Problem | null>(null);
  const [workflow, setWorkflow] = useState<WorkflowSummary | null>(null);
  // Only a workflow the user picks, in the Run or the Batch view, leads to a key offer.
  const [pickedWorkflow, setPickedWorkflow] = useState<PickedWorkflow | null>(null);
  const [inputsText, setInputsText] = useState('');
  // Monaco reports edits outside React's event system, so a render can lag a key press behind.
  // The ref always contains the latest text, and Send reads it, so the text goes out as typed.
  const inputsTextRef = useRef('');
  // Counts replacements made by the app (template, reset), which the editor must apply. Edits that
  // the editor reports itself are never pushed back into it.
  const [inputsRevision, setInputsRevision] = useState(0);
  const [isDraft, setIsDraft] = useState(false);
  const [runId, setRunId] = useState<string | null>(null);
  const [isStarting, setIsStarting] = useState(false);
  const [startProblem, setStartProblem] = useState<Problem | null>(null);
  // Two presses of Ctrl+Enter can arrive before React re-renders, so the guard cannot be state.
  const isStartingRef = useRef(false);
  // Text whose lint errors were shown once; pressing Send again sends it as it is.
  const lintShownForRef = useRef<string | null>(null);
  // Phase of the run the response pane shows, in a ref so a press right after a change reads it.
  const runPhaseRef = useRef<RunPhase | null>(null);
  // Until this time (Date.now() milliseconds), Send starts another run although one is in progress.
  const secondSendDeadlineRef = useRef(0);
  const [runInProgressMessage, setRunInProgressMessage] = useState('');

  useEffect(() => {
    window.hatz.connection.get().then(setConnection, (error: unknown) => {
      setConnectionProblem(problemFromError('Reading the connection', error));
    });
  }, []);

  const isConnected = connection !== null && (connection.key !== null || connection.isSandbox);
  const connectionKey = connection
    ? `${connection.baseUrl} ${connection.key?.label ?? ''} ${connection.key?.lastFour ?? ''}`
    : '';
  const template = workflow ? buildInputsTemplate(workflow.inputs) : null;
  const blockedReason = describeBlockedReason(isConnected, workflow);

  function handleInputsTextChange(text: string) {
    inputsTextRef.current = text;
    setInputsText(text);
  }

  function replaceInputsText(text: string) {
    handleInputsTextChange(text);
    setInputsRevision((revision) => revision + 1);
  }

  // The unsent run is restored once at start and kept on every change, so closing the window
  // loses nothing typed. The restore runs before the first save, whose timer it cancels.
  useEffect(() => {
    const saved = loadUnsentRun();
    if (!saved) return;
    setWorkflow(saved.workflow);
    replaceInputsText(saved.inputsText);
    setIsDraft(saved.isDraft);
  }, []);

  useEffect(() => {
    const timer = setTimeout(() => saveUnsentRun({ workflow, inputsText, isDraft }), 300);
    return () => clearTimeout(timer);
  }, [workflow, inputsText, isDraft]);

  function handleSelectWorkflow(next: WorkflowSummary) {
    setPickedWorkflow({ id: next.id, name: next.name });
    // Text the user typed is never replaced silently, so "Reset to template" does it on request.
    const previousTemplate = workflow ? buildInputsTemplate(workflow.inputs) : '';
    if (isUntouchedInputsText(inputsTextRef.current, previousTemplate)) {
      replaceInputsText(buildInputsTemplate(next.inputs));
    }
    setWorkflow(next);
  }

  function handleCurlApply(fill: CurlRequestFill) {
    if (fill.workflow) setWorkflow(fill.workflow);
    if (fill.inputsText !== undefined) replaceInputsText(fill.inputsText);
    if (fill.isDraft !== undefined) setIsDraft(fill.isDraft);
  }

  /** Loads a kept run's request into the Run view; the user reviews it and presses Send. */
  function handleRerun(request: HistoryRequest) {
    if (workflow?.id !== request.appId) {
      const name = request.workflowName || request.appId;
      setWorkflow({ id: request.appId, name, description: '', kind: 'workflow', inputs: [] });
    }
    replaceInputsText(request.inputsText);
    setIsDraft(request.isDraft);
    setView('run');
  }

  const handleRunPhaseChange = useCallback((phase: RunPhase | null) => {
    runPhaseRef.current = phase;
    if (!isRunInProgress(phase)) {
      secondSendDeadlineRef.current = 0;
      setRunInProgressMessage('');
    }
  }, []);

  useEffect(() => {
    if (runInProgressMessage === '') return;
    const timer = setTimeout(() => setRunInProgressMessage(''), SECOND_SEND_WINDOW_MS);
    return () => clearTimeout(timer);
  }, [runInProgressMessage]);

  async function handleSend() {
    if (isStartingRef.current || blockedReason !== '' || !workflow) return;
    // Each run uses credits, so a Send press during a run only requests a second press.
    if (isRunInProgress(runPhaseRef.current) && Date.now() > secondSendDeadlineRef.current) {
      secondSendDeadlineRef.current = Date.now() + SECOND_SEND_WINDOW_MS;
      setRunInProgressMessage(RUN_IN_PROGRESS_MESSAGE);
      return;
    }
    const lintBlock = describeLintBlock(inputsTextRef.current, workflow.inputs);
    if (lintBlock && lintShownForRef.current !== inputsTextRef.current) {
      lintShownForRef.current = inputsTextRef.current;
      setRunId(null);
      setStartProblem(lintBlock);
      return;
    }

    secondSendDeadlineRef.current = 0;
    setRunInProgressMessage('');
    isStartingRef.current = true;
    setIsStarting(true);
    setStartProblem(null);
    setRunId(null);
    try {
      const result = await window.hatz.runs.start({
        appId: workflow.id,
        inputsText: inputsTextRef.current,
        isDraft,
        workflowName: workflow.name,
      });
      if (result.ok) setRunId(result.value.runId);
      else setStartProblem(problemFromFailure(result.failure));
    } catch (error) {
      setStartProblem(problemFromError('Starting the run', error));
    } finally {
      isStartingRef.current = false;
      setIsStarting(false);
    }
  }

  // Monaco, the shortcut listener below and the Send button all call the latest handleSend.
  const sendRef = useRef(handleSend);
  useEffect(() => {
    sendRef.current = handleSend;
  });

  useEffect(() => {
    function handleKeyDown(event: KeyboardEvent) {
      const isSendShortcut = event.key === 'Enter' && (event.ctrlKey || event.metaKey);
      if (!isSendShortcut || event.repeat || event.defaultPrevented) return;
      event.preventDefault();
      void sendRef.current();
    }
    window.addEventListener('keydown', handleKeyDown);
    return () => window.removeEventListener('keydown', handleKeyDown);
  }, []);

  return (
    <div className="app">
      <header className="app-header">
        <h1>Hatz Workflow Tester</h1>
        <ConnectionBar
          connection={connection}
          pickedWorkflow={pickedWorkflow}
          loadProblem={connectionProblem}
          onConnectionChange={setConnection}
        />
      </header>

      <ViewTabs tabs={VIEWS} activeId={view} onChange={setView} />

      <main
        className="app-main"
        id="view-run"
        role="tabpanel"
        aria-labelledby="view-tab-run"
        hidden={view !== 'run'}
      >
        <WorkflowPicker
          isConnected={isConnected}
          connectionKey={connectionKey}
          selectedWorkflowId={workflow?.id ?? null}
          onSelect={handleSelectWorkflow}
        />

        <div className="inputs-column">
          <div className="inputs-actions">
            <CurlImportDialog
              connection={connection}
              onConnectionChange={setConnection}
              onApply={handleCurlApply}
            />
          </div>
          <InputsEditor
            workflow={workflow}
            text={inputsText}
            textRevision={inputsRevision}
            template={template}
            onTextChange={handleInputsTextChange}
            onReplaceText={replaceInputsText}
            onResetToTemplate={() => replaceInputsText(template ?? '')}
            onSend={() => void sendRef.current()}
          />
          <RunControls
            isDraft={isDraft}
            isStarting={isStarting}
            blockedReason={blockedReason}
            runInProgressMessage={runInProgressMessage}
            onDraftChange={setIsDraft}
            onSend={() => void handleSend()}
          />
        </div>

        <ResponsePane
          runId={runId}
          isStarting={isStarting}
          startProblem={startProblem}
          onPhaseChange={handleRunPhaseChange}
          keyLabel={
            connection?.key?.label ?? (connection?.isSandbox ? 'Practice sandbox' : undefined)
          }
        />
      </main>

      <div
        className="app-view"
        id="view-keys"
        role="tabpanel"
        aria-labelledby="view-tab-keys"
        hidden={view !== 'keys'}
      >
        <KeyManager connection={connection} onConnectionChange={setConnection} />
      </div>

      <div
        className="app-view"
        id="view-batch"
        role="tabpanel"
        aria-labelledby="view-tab-batch"
        hidden={view !== 'batch'}
      >
        <BatchView
          isConnected={isConnected}
          connectionKey={connectionKey}
          onPickWorkflow={(next) => setPickedWorkflow({ id: next.id, name: next.name })}
        />
      </div>

      <div
        className="app-view"
        id="view-history"
        role="tabpanel"
        aria-labelledby="view-tab-history"
        hidden={view !== 'history'}
      >
        <HistoryView isActive={view === 'history'} onRerun={handleRerun} />
      </div>
    </div>
  );
}

function describeBlockedReason(isConnected: boolean, workflow: WorkflowSummary | null): string {
  if (!isConnected) return 'Connect a key or the practice sandbox first.';
  if (!workflow) return 'Choose a workflow first.';
  return '';
}

function isRunInProgress(phase: RunPhase | null): boolean {
  return phase === 'sending' || phase === 'following';
}
