import { useRef, useState, type FormEvent } from 'react';

import type { KeySummary } from '../../core/ipc-contract.ts';
import { useReturnFocusOnUnmount } from '../focus-after-removal.ts';
import { API_KEY_INPUT, TextField } from './text-field.tsx';

interface KeyReplaceFormProps {
  stored: KeySummary;
  storageWeakness: string | undefined;
  isBusy: boolean;
  onReplace: (request: { apiKey: string; acceptWeakStorage: boolean }) => Promise<boolean>;
  onCancel: () => void;
}

/** Renders the form that pastes a new key under an existing label, keeping its base URL. */
export function KeyReplaceForm({
  stored,
  storageWeakness,
  isBusy,
  onReplace,
  onCancel,
}: KeyReplaceFormProps) {
  const formRef = useRef<HTMLFormElement>(null);
  // Cancel and a successful save close the form, which removes the focused button.
  useReturnFocusOnUnmount(formRef);
  const [apiKey, setApiKey] = useState('');
  const [acceptWeakStorage, setAcceptWeakStorage] = useState(false);
  const [validationMessage, setValidationMessage] = useState('');

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (apiKey.trim() === '') {
      setValidationMessage('Paste the new key first.');
      return;
    }
    setValidationMessage('');
    if (await onReplace({ apiKey, acceptWeakStorage })) setApiKey('');
  }

  return (
    <form
      ref={formRef}
      className="key-replace-form"
      aria-label={`Replace ${stored.label}`}
      noValidate
      onSubmit={handleSubmit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      {/* The form opens on request, so its field takes focus, as in a dialog. */}
      <TextField
        autoFocus
        label={`New key for ${stored.label}`}
        value={apiKey}
        onValueChange={setApiKey}
        {...API_KEY_INPUT}
      />
      {storageWeakness && (
        <label>
          <input
            type="checkbox"
            checked={acceptWeakStorage}
            onChange={(event) => setAcceptWeakStorage(event.target.checked)}
          />{' '}
          Store with weaker protection ({storageWeakness})
        </label>
      )}
      <div className="key-form-actions">
        <button type="submit" disabled={isBusy}>
          Replace key
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <p className="field-message" aria-live="polite">
        {validationMessage}
      </p>
    </form>
  );
}
