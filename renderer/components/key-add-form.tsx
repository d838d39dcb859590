import { useId, useState, type FormEvent } from 'react';

import { findBaseUrlProblem, HATZ_BASE_URL } from '../../core/settings.ts';
import { API_KEY_INPUT, BASE_URL_INPUT, TextField } from './text-field.tsx';

export interface NewKey {
  label: string;
  note: string;
  baseUrl: string;
  apiKey: string;
  acceptWeakStorage: boolean;
  makeActive: boolean;
}

interface KeyAddFormProps {
  /** Reason this system cannot encrypt keys safely. When set, the form offers weak storage. */
  storageWeakness: string | undefined;
  isBusy: boolean;
  /** Resolves true when the key was added, so the form clears; false keeps what was typed. */
  onAdd: (key: NewKey) => Promise<boolean>;
}

/** Renders the form that adds a named key. The key is cleared from its state once stored. */
export function KeyAddForm({ storageWeakness, isBusy, onAdd }: KeyAddFormProps) {
  const [label, setLabel] = useState('');
  const [note, setNote] = useState('');
  const [baseUrl, setBaseUrl] = useState(HATZ_BASE_URL);
  const [apiKey, setApiKey] = useState('');
  const [acceptWeakStorage, setAcceptWeakStorage] = useState(false);
  const [makeActive, setMakeActive] = useState(false);
  const [validationMessage, setValidationMessage] = useState('');
  const messageId = useId();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();

    const message = validateNewKey(label, baseUrl, apiKey);
    setValidationMessage(message);
    if (message) return;

    const isAdded = await onAdd({ label, note, baseUrl, apiKey, acceptWeakStorage, makeActive });
    if (!isAdded) return;
    setLabel('');
    setNote('');
    setApiKey('');
  }

  const describedBy = validationMessage ? messageId : undefined;
  return (
    <form className="key-add-form" aria-label="Add a key" noValidate onSubmit={handleSubmit}>
      <h3>Add a key</h3>
      <div className="key-form-fields">
        <TextField
          label="Label"
          value={label}
          onValueChange={setLabel}
          maxLength={100}
          placeholder="Acme workspace"
          aria-describedby={describedBy}
        />
        <TextField
          label="API key"
          value={apiKey}
          onValueChange={setApiKey}
          {...API_KEY_INPUT}
          aria-describedby={describedBy}
        />
        <TextField
          label="Base URL"
          value={baseUrl}
          onValueChange={setBaseUrl}
          isWide
          {...BASE_URL_INPUT}
          aria-describedby={describedBy}
        />
        <TextField
          label="Note (optional)"
          value={note}
          onValueChange={setNote}
          isWide
          maxLength={1000}
          placeholder="Whose key, which workspace"
        />
      </div>
      {storageWeakness && (
        <div className="notice-warning">
          <p>
            {storageWeakness} New keys are kept for this session only, unless you accept weaker
            storage, which anyone who copies the app's data folder may be able to read.
          </p>
          <label>
            <input
              type="checkbox"
              checked={acceptWeakStorage}
              onChange={(event) => setAcceptWeakStorage(event.target.checked)}
            />{' '}
            Store this key with weaker protection
          </label>
        </div>
      )}
      <div className="key-form-actions">
        <label>
          <input
            type="checkbox"
            checked={makeActive}
            onChange={(event) => setMakeActive(event.target.checked)}
          />{' '}
          Use this key for requests
        </label>
        <button type="submit" className="button-primary" disabled={isBusy}>
          Add key
        </button>
      </div>
      <p id={messageId} className="field-message" aria-live="polite">
        {validationMessage}
      </p>
    </form>
  );
}

function validateNewKey(label: string, baseUrl: string, apiKey: string): string {
  if (label.trim() === '') return 'Give the key a label, such as the customer or workspace name.';
  if (apiKey.trim() === '')
    return 'Paste the API key. Hatz shows it once, when the key is created.';
  return findBaseUrlProblem(baseUrl) ?? '';
}
