/** Context that the runner passes to every measure. */
export interface MeasureContext {
  /** Fixed delay the emulator adds before every reply, in milliseconds. */
  latencyMs: number;
  /** True for a short run with fewer repetitions. */
  isQuick: boolean;
  /** A temporary directory of this run, removed at the end. */
  workDirectory: string;
  /** Writes a progress line to standard error. */
  log(message: string): void;
}

/** One line of a measure's table. Figures are already formatted, with their units. */
export interface ResultRow {
  label: string;
  /** The reference's figure, or `—` where the goal is absolute. */
  reference: string;
  figure: string;
  /** This project's figure divided by the reference's, where a reference exists. */
  ratio?: number;
  goal: string;
  /** Undefined where the row only informs and has no goal. */
  isMet?: boolean;
  /** How far the figure misses the goal, such as `+12 % over`. */
  miss?: string;
}

/** A file the page links to, such as an SVG plot, written beside the page. */
export interface ReportFile {
  name: string;
  content: string;
  caption: string;
}

export interface MeasureReport {
  /** One paragraph: what is timed, how often, against what. */
  method: string;
  rows: ResultRow[];
  /** Facts a reader needs to trust the rows, such as a step a peer cannot do. */
  notes?: string[];
  files?: ReportFile[];
}

export interface Measure {
  id: string;
  title: string;
  run(context: MeasureContext): Promise<MeasureReport>;
}
