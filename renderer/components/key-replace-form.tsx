import { useState, type FormEvent } from 'react';

import type { KeySummary } from '../../core/ipc-contract.ts';
import { KeyRowForm } from './key-row-form.tsx';
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
    <KeyRowForm
      className="key-replace-form"
      label={`Replace ${stored.label}`}
      submitLabel={'Replace key'}
      isBusy={isBusy}
      validationMessage={validationMessage}
      onSubmit={handleSubmit}
      onCancel={onCancel}
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
    </KeyRowForm>
  );
}
