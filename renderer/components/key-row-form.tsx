import { useRef, type FormEvent, type ReactNode } from 'react';

import { useReturnFocusOnUnmount } from '../focus-after-removal.ts';

interface KeyRowFormProps {
  className: string;
  /** The form's accessible name, such as "Edit Acme workspace". */
  label: string;
  submitLabel: string;
  isBusy: boolean;
  validationMessage: string;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  onCancel: () => void;
  children: ReactNode;
}

/**
 * Renders a form that opens below a key's row, with Submit and Cancel. Escape cancels it, and
 * when it closes, focus returns to the button that opened it.
 */
export function KeyRowForm(props: KeyRowFormProps) {
  const { className, label, submitLabel, isBusy, validationMessage, onSubmit, onCancel } = props;
  const formRef = useRef<HTMLFormElement>(null);
  // Cancel and a successful save close the form, which removes the focused button.
  useReturnFocusOnUnmount(formRef);

  return (
    <form
      ref={formRef}
      className={className}
      aria-label={label}
      noValidate
      onSubmit={onSubmit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      {props.children}
      <div className="key-form-actions">
        <button type="submit" disabled={isBusy}>
          {submitLabel}
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
