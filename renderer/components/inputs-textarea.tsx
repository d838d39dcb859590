import { useId } from 'react';

interface InputsTextareaProps {
  value: string;
  describedBy?: string;
  onChange: (value: string) => void;
  onFocusChange: (isFocused: boolean) => void;
}

/** Renders a plain text box for the inputs, used while Monaco loads and if it cannot load. */
export function InputsTextarea({
  value,
  describedBy,
  onChange,
  onFocusChange,
}: InputsTextareaProps) {
  const id = useId();

  return (
    <div className="inputs-textarea">
      {/* The visible caption above reads the same and stays when Monaco replaces this box. */}
      <label className="visually-hidden" htmlFor={id}>
        Inputs (JSON)
      </label>
      <textarea
        id={id}
        value={value}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value)}
        onFocus={() => onFocusChange(true)}
        onBlur={() => onFocusChange(false)}
      />
    </div>
  );
}
