import { useId, useState } from 'react';

import type { RequestOf } from '../../core/ipc-contract.ts';
import {
  snippetLanguageLabels,
  snippetLanguageSchema,
  type SnippetLanguage,
} from '../../core/snippets.ts';
import { problemFromError, problemFromFailure, type Problem } from '../problem.ts';
import { FailureNotice } from './failure-notice.tsx';

interface CopyAsMenuProps {
  /** The request to copy: a run in history, or the request in the editor. */
  source: RequestOf<'history.snippet'>['source'];
}

/**
 * Renders "Copy as": a language, an "include the API key" box and a Copy button. The main process
 * builds the snippet, so the key reaches this window only when the box is ticked, and the box
 * clears after every copy, so including the key is a choice made each time.
 */
export function CopyAsMenu({ source }: CopyAsMenuProps) {
  const languageId = useId();
  const [language, setLanguage] = useState<SnippetLanguage>('curl-bash');
  const [isKeyIncluded, setIsKeyIncluded] = useState(false);
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);

  async function handleCopy() {
    setMessage('');
    setProblem(null);
    const includeKey = isKeyIncluded;
    setIsKeyIncluded(false);
    try {
      const reply = await window.hatz.history.snippet({ source, language, includeKey });
      if (!reply.ok) {
        setProblem(problemFromFailure(reply.failure));
        return;
      }
      await navigator.clipboard.writeText(reply.value.text);
      const keyNote = includeKey
        ? 'with the API key; paste it only where the key is safe'
        : 'without the key; set HATZ_API_KEY before running it';
      setMessage(`Copied ${snippetLanguageLabels[language]} ${keyNote}.`);
    } catch (error) {
      setProblem(problemFromError('Copying the snippet', error));
    }
  }

  return (
    <div className="copy-as-menu">
      <label htmlFor={languageId}>Copy as</label>
      <select
        id={languageId}
        value={language}
        onChange={(event) => setLanguage(snippetLanguageSchema.parse(event.target.value))}
      >
        {snippetLanguageSchema.options.map((option) => (
          <option key={option} value={option}>
            {snippetLanguageLabels[option]}
          </option>
        ))}
      </select>
      <label className="checkbox-label">
        <input
          type="checkbox"
          checked={isKeyIncluded}
          onChange={(event) => setIsKeyIncluded(event.target.checked)}
        />
        Include the API key
      </label>
      <button type="button" className="button-small" onClick={() => void handleCopy()}>
        Copy snippet
      </button>
      <span className="muted" role="status">
        {message}
      </span>
      {problem && <FailureNotice problem={problem} />}
    </div>
  );
}
