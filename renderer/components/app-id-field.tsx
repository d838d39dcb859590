import { useId, useState, type FormEvent } from 'react';

import { checkAppId } from '../../core/app-id.ts';
import type { WorkflowSummary } from '../../core/schemas.ts';
import { loadWorkflowById } from '../manual-workflow.ts';

interface AppIdFieldProps {
  isConnected: boolean;
  onSelect: (workflow: WorkflowSummary) => void;
}

/**
 * A field for the app id of a workflow that is not in the list. It explains what is wrong with a
 * malformed id in words, and offers the id it finds in a pasted URL or braces.
 */
export function AppIdField({ isConnected, onSelect }: AppIdFieldProps) {
  const id = useId();
  const [text, setText] = useState('');
  const [message, setMessage] = useState('');
  const [suggestion, setSuggestion] = useState<string | undefined>();
  const [isLoading, setIsLoading] = useState(false);

  async function selectAppId(appId: string) {
    setIsLoading(true);
    setMessage(`Loading the workflow ${appId}…`);
    const loaded = await loadWorkflowById(appId);
    setIsLoading(false);
    setMessage(
      loaded.problem ? `Using ${appId}. ${loaded.problem}` : `Using ${loaded.workflow.name}.`,
    );
    onSelect(loaded.workflow);
  }

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const check = checkAppId(text);
    setSuggestion(check.ok ? undefined : check.suggestion);
    if (!check.ok) {
      setMessage(check.message);
      return;
    }
    void selectAppId(check.appId);
  }

  function handleUseSuggestion() {
    if (suggestion === undefined) return;
    setText(suggestion);
    setSuggestion(undefined);
    void selectAppId(suggestion);
  }

  return (
    <form className="app-id-field" onSubmit={handleSubmit}>
      <label className="field-label" htmlFor={id}>
        App id
      </label>
      <div className="app-id-row">
        <input
          id={id}
          type="text"
          value={text}
          spellCheck={false}
          placeholder="2cfc529e-6fd9-4a82-8f27-87b6f395c930"
          aria-describedby={`${id}-message`}
          disabled={!isConnected}
          onChange={(event) => {
            setText(event.target.value);
            setMessage('');
            setSuggestion(undefined);
          }}
        />
        <button
          type="submit"
          className="button-small"
          disabled={!isConnected || isLoading || text.trim() === ''}
        >
          Use app id
        </button>
      </div>
      <p id={`${id}-message`} className="app-id-message" role="status">
        {message}
      </p>
      {suggestion !== undefined && (
        <button type="button" className="button-small" onClick={handleUseSuggestion}>
          Use {suggestion}
        </button>
      )}
    </form>
  );
}
