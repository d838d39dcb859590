import { useState, type FormEvent } from 'react';

import type { KeySummary } from '../../core/ipc-contract.ts';
import { findBaseUrlProblem, normalizeBaseUrl } from '../../core/settings.ts';
import { KeyRowForm } from './key-row-form.tsx';
import { BASE_URL_INPUT, TextField } from './text-field.tsx';

export interface KeyEdit {
  label: string;
  note: string;
  baseUrl: string;
  confirmOriginChange: boolean;
}

interface KeyEditFormProps {
  stored: KeySummary;
  isBusy: boolean;
  onSave: (edit: KeyEdit) => Promise<boolean>;
  onCancel: () => void;
}

/**
 * Renders the form that renames a key, changes its note or its base URL. A base URL on another
 * origin needs a second, explicit confirmation, because the key is then sent to that server.
 */
export function KeyEditForm({ stored, isBusy, onSave, onCancel }: KeyEditFormProps) {
  const [label, setLabel] = useState(stored.label);
  const [note, setNote] = useState(stored.note);
  const [baseUrl, setBaseUrl] = useState(stored.baseUrl);
  const [pendingOrigin, setPendingOrigin] = useState<string | null>(null);
  const [validationMessage, setValidationMessage] = useState('');

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();

    const problem =
      label.trim() === '' ? 'The label is empty; name the key.' : findBaseUrlProblem(baseUrl);
    setValidationMessage(problem ?? '');
    if (problem) return;

    const newOrigin = new URL(normalizeBaseUrl(baseUrl)).origin;
    const isOriginChange = newOrigin !== new URL(stored.baseUrl).origin;
    if (isOriginChange && pendingOrigin !== newOrigin) {
      setPendingOrigin(newOrigin);
      return;
    }
    await onSave({ label, note, baseUrl, confirmOriginChange: isOriginChange });
  }

  return (
    <KeyRowForm
      className="key-edit-form"
      label={`Edit ${stored.label}`}
      submitLabel={pendingOrigin ? 'Send the key there' : 'Save changes'}
      isBusy={isBusy}
      validationMessage={validationMessage}
      onSubmit={handleSubmit}
      onCancel={onCancel}
    >
      <div className="key-form-fields">
        {/* The form opens on request, so its first field takes focus, as in a dialog. */}
        <TextField label="Label" value={label} onValueChange={setLabel} maxLength={100} autoFocus />
        <TextField
          label="Base URL"
          value={baseUrl}
          onValueChange={(value) => {
            setBaseUrl(value);
            setPendingOrigin(null);
          }}
          isWide
          {...BASE_URL_INPUT}
        />
        <TextField label="Note" value={note} onValueChange={setNote} isWide maxLength={1000} />
      </div>
      {pendingOrigin && (
        <p className="notice-warning" role="alert">
          The key will be sent to <code>{pendingOrigin}</code> from now on, instead of{' '}
          <code>{new URL(stored.baseUrl).origin}</code>. Press "Send the key there" only if you
          trust that server.
        </p>
      )}
    </KeyRowForm>
  );
}
