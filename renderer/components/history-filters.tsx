import type { HistoryFilter } from '../../core/history/history-summary.ts';
import { ENDED_RUN_PHASES, RUN_PHASE_WORDS } from '../../core/history/run-phase-words.ts';
import { runPhaseSchema } from '../../core/schemas.ts';

interface HistoryFiltersProps {
  filter: HistoryFilter;
  workflows: { appId: string; name: string }[];
  keys: { label: string; lastFour: string }[];
  onChange: (filter: HistoryFilter) => void;
}

/** Renders the search box and the status, workflow, key and date filters of the history. */
export function HistoryFilters({ filter, workflows, keys, onChange }: HistoryFiltersProps) {
  function update(changes: Partial<HistoryFilter>) {
    const next: HistoryFilter = { ...filter, ...changes };
    for (const name of Object.keys(next) as (keyof HistoryFilter)[]) {
      if (next[name] === '' || next[name] === undefined) delete next[name];
    }
    onChange(next);
  }

  return (
    <div className="history-filters">
      <input
        type="search"
        aria-label="Search runs"
        placeholder="Search workflow, inputs, outputs, status, request id"
        value={filter.search ?? ''}
        onChange={(event) => update({ search: event.target.value })}
      />
      <select
        aria-label="Status"
        value={filter.phase ?? ''}
        onChange={(event) => {
          const parsed = runPhaseSchema.safeParse(event.target.value);
          update({ phase: parsed.success ? parsed.data : undefined });
        }}
      >
        <option value="">Any status</option>
        {ENDED_RUN_PHASES.map((phase) => (
          <option key={phase} value={phase}>
            {RUN_PHASE_WORDS[phase]}
          </option>
        ))}
      </select>
      <select
        aria-label="Workflow"
        value={filter.appId ?? ''}
        onChange={(event) => update({ appId: event.target.value })}
      >
        <option value="">Any workflow</option>
        {workflows.map((workflow) => (
          <option key={workflow.appId} value={workflow.appId}>
            {workflow.name || workflow.appId}
          </option>
        ))}
      </select>
      <select
        aria-label="Key"
        value={filter.keyLastFour ?? ''}
        onChange={(event) => update({ keyLastFour: event.target.value })}
      >
        <option value="">Any key</option>
        {keys.map((key) => (
          <option key={key.lastFour} value={key.lastFour}>
            {key.label} ••••{key.lastFour}
          </option>
        ))}
      </select>
      <label>
        From
        <input
          type="date"
          value={filter.from ? shiftDay(filter.from, 0) : ''}
          onChange={(event) => update({ from: toIsoDay(event.target.value, 0) })}
        />
      </label>
      <label>
        To
        <input
          type="date"
          value={filter.to ? shiftDay(filter.to, -1) : ''}
          onChange={(event) => update({ to: toIsoDay(event.target.value, 1) })}
        />
      </label>
    </div>
  );
}

/** Turns a date input's local day into the ISO time at its start, `offsetDays` later. */
function toIsoDay(value: string, offsetDays: number): string | undefined {
  if (value === '') return undefined;
  const day = new Date(`${value}T00:00:00`);
  if (Number.isNaN(day.getTime())) return undefined;
  day.setDate(day.getDate() + offsetDays);
  return day.toISOString();
}

function shiftDay(isoTime: string, offsetDays: number): string {
  const day = new Date(isoTime);
  day.setDate(day.getDate() + offsetDays);
  const month = String(day.getMonth() + 1).padStart(2, '0');
  const date = String(day.getDate()).padStart(2, '0');
  return `${day.getFullYear()}-${month}-${date}`;
}
