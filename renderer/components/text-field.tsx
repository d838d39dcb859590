import { useId, type InputHTMLAttributes } from 'react';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'>;

interface TextFieldProps extends InputProps {
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  /** Spans the whole row of the form's grid, for long values such as URLs. */
  isWide?: boolean;
}

/** Renders a labelled text input in the forms' grid. Other props go to the input. */
export function TextField({ label, value, onValueChange, isWide, ...inputProps }: TextFieldProps) {
  const id = useId();
  return (
    <div className={isWide ? 'field field-wide' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        {...inputProps}
        value={value}
        onChange={(event) => onValueChange(event.target.value)}
      />
    </div>
  );
}

/** Input props for an API key: hidden while typed, never autocompleted or spell-checked. */
export const API_KEY_INPUT = { type: 'password', autoComplete: 'off', spellCheck: false } as const;

/** Input props for a base URL. */
export const BASE_URL_INPUT = { type: 'url', spellCheck: false } as const;
