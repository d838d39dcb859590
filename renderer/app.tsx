import { useEffect, useRef, useState } from 'react';

import type { ConnectionInfo } from '../core/ipc-contract.ts';
import type { WorkflowSummary } from '../core/schemas.ts';
import { ConnectionBar } from './components/connection-bar.tsx';
import { InputsEditor } from './components/inputs-editor.tsx';
import { ResponsePane } from './components/response-pane.tsx';
import { RunControls } from './components/run-controls.tsx';
import { ViewTabs, type ViewTab } from './components/view-tabs.tsx';
import { WorkflowPicker } from './components/workflow-picker.tsx';
import { buildInputsTemplate, isUntouchedInputsText } from './inputs-template.ts';
import { problemFromError, problemFromFailure, type Problem } from './problem.ts';

type ViewId = 'run';

/** Views of the main area, in tab order; Ctrl+1 opens the first. */
const VIEWS: readonly ViewTab<ViewId>[] = [{ id: 'run', label: 'Run' }];

/** Renders the whole window: connection on top, then workflow, inputs and response side by side. */
export function App() {
  const [view, setView] = useState<ViewId>('run');
  const [connection, setConnection] = useState<ConnectionInfo | null>(null);
  const [connectionProblem, setConnectionProblem] = useState<Problem | null>(null);
  const [workflow, setWorkflow] = useState<WorkflowSummary | null>(null);
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

  function handleSelectWorkflow(next: WorkflowSummary) {
    // Text the user typed is never replaced silently, so "Reset to template" does it on request.
    const previousTemplate = workflow ? buildInputsTemplate(workflow.inputs) : '';
    if (isUntouchedInputsText(inputsTextRef.current, previousTemplate)) {
      replaceInputsText(buildInputsTemplate(next.inputs));
    }
    setWorkflow(next);
  }

  async function handleSend() {
    if (isStartingRef.current || blockedReason !== '' || !workflow) return;

    isStartingRef.current = true;
    setIsStarting(true);
    setStartProblem(null);
    setRunId(null);
    try {
      const result = await window.hatz.runs.start({
        appId: workflow.id,
        inputsText: inputsTextRef.current,
        isDraft,
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
          <InputsEditor
            workflow={workflow}
            text={inputsText}
            textRevision={inputsRevision}
            template={template}
            onTextChange={handleInputsTextChange}
            onResetToTemplate={() => replaceInputsText(template ?? '')}
            onSend={() => void sendRef.current()}
          />
          <RunControls
            isDraft={isDraft}
            isStarting={isStarting}
            blockedReason={blockedReason}
            onDraftChange={setIsDraft}
            onSend={() => void handleSend()}
          />
        </div>

        <ResponsePane runId={runId} isStarting={isStarting} startProblem={startProblem} />
      </main>
    </div>
  );
}

function describeBlockedReason(isConnected: boolean, workflow: WorkflowSummary | null): string {
  if (!isConnected) return 'Connect a key or the practice sandbox first.';
  if (!workflow) return 'Choose a workflow first.';
  return '';
}
