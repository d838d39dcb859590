import { diffLines, diffWords, type Change } from 'diff';
import { useMemo } from 'react';

interface TextDiffProps {
  before: string;
  after: string;
  /** Lines suit JSON and long text; words suit short outputs. */
  mode: 'lines' | 'words';
  beforeLabel: string;
  afterLabel: string;
}

/** Shows two texts side by side, with removed parts marked on the left and added on the right. */
export function TextDiff({ before, after, mode, beforeLabel, afterLabel }: TextDiffProps) {
  const changes = useMemo(
    () => (mode === 'lines' ? diffLines(before, after) : diffWords(before, after)),
    [before, after, mode],
  );
  const isSame = changes.every((change) => !change.added && !change.removed);

  return (
    <div className="text-diff">
      {isSame && <p className="muted">Both runs have the same text.</p>}
      <div className="text-diff-columns">
        <DiffSide label={beforeLabel} changes={changes} side="before" />
        <DiffSide label={afterLabel} changes={changes} side="after" />
      </div>
    </div>
  );
}

function DiffSide(props: { label: string; changes: Change[]; side: 'before' | 'after' }) {
  const { label, changes, side } = props;
  return (
    <pre className="code-block text-diff-side" aria-label={label}>
      {changes.map((change, index) => {
        if (change.added && side === 'before') return null;
        if (change.removed && side === 'after') return null;
        if (change.added) return <ins key={index}>{change.value}</ins>;
        if (change.removed) return <del key={index}>{change.value}</del>;
        return <span key={index}>{change.value}</span>;
      })}
    </pre>
  );
}
