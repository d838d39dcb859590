import { useLayoutEffect, useRef } from 'react';

import type { KeySummary } from '../../core/ipc-contract.ts';
import { focusFirstAvailable, isFocusLost } from '../focus-after-removal.ts';
import { KeyVerdictView, formatCheckedAt } from './key-verdict-view.tsx';

export type KeyRowMode = 'view' | 'edit' | 'replace' | 'delete';

interface KeyRowProps {
  stored: KeySummary;
  isActive: boolean;
  isVerifying: boolean;
  isBusy: boolean;
  onVerify: () => void;
  onSetActive: () => void;
  onModeChange: (mode: KeyRowMode) => void;
  onDelete: () => void;
  mode: KeyRowMode;
}

const STORAGE_LABELS: Record<KeySummary['storage'], string> = {
  keychain: 'Encrypted by the system keychain',
  weak: 'Weakly protected on disk',
  session: 'This session only',
};

/** Renders one stored key in the keys table: what it is, its last verdict, and its actions. */
export function KeyRow({
  stored,
  isActive,
  isVerifying,
  isBusy,
  onVerify,
  onSetActive,
  onModeChange,
  onDelete,
  mode,
}: KeyRowProps) {
  const lastVerdict = stored.verdicts[0];
  const isReady = stored.status === 'ready';
  const actionsRef = useRef<HTMLTableCellElement>(null);
  const shownModeRef = useRef(mode);

  // Delete and its confirmation replace each other, so focus would fall to the page: it goes to
  // "Keep it", the safe choice, or back to Delete. A row that just appeared leaves focus alone.
  useLayoutEffect(() => {
    const isModeChange = shownModeRef.current !== mode;
    shownModeRef.current = mode;
    if (!isModeChange || !isFocusLost()) return;
    const buttons = actionsRef.current?.querySelectorAll('button') ?? [];
    focusFirstAvailable(mode === 'delete' ? [...buttons].slice(1) : [...buttons].slice(-1));
  }, [mode]);

  return (
    <tr className={isActive ? 'key-row is-active' : 'key-row'} aria-label={stored.label}>
      <th scope="row">
        <span className="key-label">{stored.label}</span>
        {isActive && <span className="badge">In use</span>}
        {stored.note && <span className="key-note">{stored.note}</span>}
        <code className="key-last-four">
          <span aria-hidden="true">••••</span>
          <span className="visually-hidden">ending in </span>
          {stored.lastFour || '(short key)'}
        </code>
      </th>
      <td>
        <code className="key-base-url">{stored.baseUrl}</code>
        <span className="key-storage">{STORAGE_LABELS[stored.storage]}</span>
      </td>
      <td aria-busy={isVerifying}>
        {!isReady && (
          <p className="notice-warning">
            {stored.status === 'unreadable'
              ? 'Cannot be decrypted here: stored on another computer or by another user. Replace it.'
              : 'Kept for an earlier session only. Replace it to use it again.'}
          </p>
        )}
        {isVerifying ? (
          <p className="muted">Checking…</p>
        ) : lastVerdict ? (
          <KeyVerdictView verdict={lastVerdict} />
        ) : (
          isReady && <p className="muted">Not verified yet.</p>
        )}
      </td>
      <td>
        {lastVerdict ? (
          <time dateTime={lastVerdict.checkedAt}>{formatCheckedAt(lastVerdict.checkedAt)}</time>
        ) : (
          <span className="muted">never</span>
        )}
      </td>
      <td ref={actionsRef}>
        {mode === 'delete' ? (
          // Distinct keys, so React never turns the focused "Keep it" into another button.
          <div
            key="confirm"
            className="key-actions"
            role="group"
            aria-label={`Confirm deleting ${stored.label}`}
            onKeyDown={(event) => {
              if (event.key === 'Escape') onModeChange('view');
            }}
          >
            <span>Delete "{stored.label}" from this computer?</span>
            <button type="button" className="button-danger" disabled={isBusy} onClick={onDelete}>
              Delete key
            </button>
            <button type="button" onClick={() => onModeChange('view')}>
              Keep it
            </button>
          </div>
        ) : (
          <div
            key="actions"
            className="key-actions"
            role="group"
            aria-label={`Actions for ${stored.label}`}
          >
            <button
              type="button"
              disabled={!isReady || isVerifying || isBusy}
              aria-label={`Verify ${stored.label}`}
              onClick={onVerify}
            >
              Verify
            </button>
            <button
              type="button"
              disabled={!isReady || isActive || isBusy}
              aria-label={`Use ${stored.label} for requests`}
              onClick={onSetActive}
            >
              Use
            </button>
            <button
              type="button"
              aria-expanded={mode === 'edit'}
              aria-label={`Edit ${stored.label}`}
              onClick={() => onModeChange(mode === 'edit' ? 'view' : 'edit')}
            >
              Edit
            </button>
            <button
              type="button"
              aria-expanded={mode === 'replace'}
              aria-label={`Replace the key of ${stored.label}`}
              onClick={() => onModeChange(mode === 'replace' ? 'view' : 'replace')}
            >
              Replace
            </button>
            <button
              type="button"
              aria-label={`Delete ${stored.label}`}
              onClick={() => onModeChange('delete')}
            >
              Delete
            </button>
          </div>
        )}
      </td>
    </tr>
  );
}
