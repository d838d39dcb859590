import { useEffect, useState } from 'react';

interface CopyButtonProps {
  text: string;
  /** Accessible name such as "Copy request id", because the visible label is only "Copy". */
  label: string;
}

type CopyState = 'idle' | 'copied' | 'failed';

const RESET_AFTER_MS = 2000;

export function CopyButton({ text, label }: CopyButtonProps) {
  const [copyState, setCopyState] = useState<CopyState>('idle');

  useEffect(() => {
    if (copyState === 'idle') return;
    const timer = setTimeout(() => setCopyState('idle'), RESET_AFTER_MS);
    return () => clearTimeout(timer);
  }, [copyState]);

  async function handleClick() {
    try {
      await navigator.clipboard.writeText(text);
      setCopyState('copied');
    } catch {
      // The clipboard API rejects when the window is not focused or permission is denied.
      setCopyState('failed');
    }
  }

  return (
    <span className="copy-button">
      <button type="button" className="button-small" aria-label={label} onClick={handleClick}>
        Copy
      </button>
      <span className="copy-button-status" aria-live="polite">
        {copyState === 'copied' && 'Copied'}
        {copyState === 'failed' && 'Could not copy; select the text and copy it by hand'}
      </span>
    </span>
  );
}
