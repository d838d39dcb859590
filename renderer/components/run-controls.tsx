import { useId } from 'react';

interface RunControlsProps {
  isDraft: boolean;
  /** True from the Send press until the main process returns a run id. */
  isStarting: boolean;
  /** Reason sending is not possible yet, such as no workflow chosen. Empty when it is possible. */
  blockedReason: string;
  /** Request to press Send again, shown while a run is in progress. Empty otherwise. */
  runInProgressMessage: string;
  onDraftChange: (isDraft: boolean) => void;
  onSend: () => void;
}

const isMac = /Mac|iPhone|iPad/.test(navigator.platform);

/** Renders the "Draft run" switch and the Send button, with the keyboard shortcut spelled out. */
export function RunControls({
  isDraft,
  isStarting,
  blockedReason,
  runInProgressMessage,
  onDraftChange,
  onSend,
}: RunControlsProps) {
  const draftId = useId();
  const hintId = useId();

  return (
    <div className="run-controls">
      <div className="switch">
        <input
          id={draftId}
          type="checkbox"
          className="switch-input"
          checked={isDraft}
          onChange={(event) => onDraftChange(event.target.checked)}
        />
        <label htmlFor={draftId}>Draft run</label>
        <span className="muted">
          {isDraft ? 'The unpublished draft runs.' : 'The published version runs.'}
        </span>
      </div>

      <button
        type="button"
        className="button-primary button-send"
        disabled={blockedReason !== ''}
        aria-disabled={isStarting}
        aria-describedby={hintId}
        aria-keyshortcuts="Control+Enter Meta+Enter"
        onClick={() => {
          if (!isStarting) onSend();
        }}
      >
        Send
      </button>
      <span
        id={hintId}
        className={runInProgressMessage ? 'send-hint send-hint-warning' : 'muted send-hint'}
        aria-live="polite"
        data-testid="send-hint"
      >
        {blockedReason || runInProgressMessage || describeSendHint(isStarting)}
      </span>
    </div>
  );
}

function describeSendHint(isStarting: boolean): string {
  return isStarting ? 'Sending…' : `or press ${isMac ? '⌘' : 'Ctrl'}+Enter`;
}
