/*
 * Switches of the Hatz API emulator. Behaviour that the Hatz API reference documents is fixed.
 * Each undocumented behaviour is a switch here, so tests can cover every variant a client may meet.
 */

/** Shape of error bodies. */
export type ErrorBodyStyle =
  /** `{"detail": "..."}`, as a FastAPI HTTPException sends it. */
  | 'detail-string'
  /** `{"detail": [{"loc": [...], "msg": "...", "type": "..."}]}`, FastAPI's validation error. */
  | 'detail-list'
  /** `{"error": {"message": "..."}}` */
  | 'error-object'
  /** `{"message": "..."}` */
  | 'message'
  /** The message alone, as `text/plain`. */
  | 'plain-text';

/** Field of the job reply that carries a finished job's outputs, and the shape it takes. */
export type JobOutputField =
  /** `"result": {"output": text}` */
  | 'result'
  /** `"output": text` */
  | 'output'
  /** `"outputs": [{"step_id", "display_name", "output"}, ...]`, one entry per step. */
  | 'outputs'
  /** `"step_outputs": {"<step_id>": text, ...}` */
  | 'step_outputs'
  /** `"data": {"output": text}` */
  | 'data';

/** Status words that the job reply uses for each state. */
export interface JobStatusWords {
  pending: string;
  running: string;
  complete: string;
  failed: string;
}

/** Reply to `POST /v1/files/upload`. */
export type UploadReplyStyle =
  /** Newer reference: `{"file_id", "status": "uploading", "message"}`. */
  | 'file_id'
  /** Older reference: `{"tokens", "file_uuid", "message"}`. */
  | 'file_uuid';

export interface EmulatorOptions {
  /** TCP port on 127.0.0.1, or 0 for a free port. The emulator never binds another address. */
  port: number;
  /** Accepted API keys in addition to `PRACTICE_KEY`. */
  keys: string[];
  /** Fixed delay in ms before every reply, fault replies included. */
  latencyMs: number;
  /**
   * Factor applied to the durations of sample jobs and file processing: 1 gives the real
   * durations (about 1.5 s for the company brief), 0.01 makes them a hundred times shorter.
   */
  jobTimeScale: number;
  // NOTE: the Hatz API reference does not describe error bodies, so their shape is a guess.
  errorBodyStyle: ErrorBodyStyle;
  // NOTE: the status code for "Invalid app_id" is not documented. It may be 404 or 400.
  unknownAppStatus: 404 | 400;
  // NOTE: the status code for "Missing required inputs" is not documented. It may be 400 or 422.
  missingInputStatus: 400 | 422;
  // NOTE: only the run reply's body is documented, not its status. Any 2xx means started.
  runReplyStatus: 200 | 201 | 202;
  // NOTE: the job reply is undocumented, so its status words come from third-party notes only.
  jobStatusWords: JobStatusWords;
  // NOTE: where a finished job's outputs sit in the job reply is not documented.
  jobOutputField: JobOutputField;
  /** Both styles are documented, by the newer and the older upload reference. */
  uploadReplyStyle: UploadReplyStyle;
  /**
   * Keys that authenticate but lack permission: running a workflow and listing apps return 403.
   * NOTE: 403 for a key without permission is a guess. Hatz documents the case but not its code.
   */
  forbiddenKeys: string[];
  /**
   * Maximum request body size in bytes. Larger bodies get 413.
   * NOTE: Hatz's own request size limit is unknown. The default is the 30 MB file limit that the
   * older upload reference states, plus 1 MiB for the multipart envelope.
   */
  maxBodyBytes: number;
}

export const DEFAULT_JOB_STATUS_WORDS: Readonly<JobStatusWords> = {
  pending: 'pending',
  running: 'running',
  complete: 'complete',
  failed: 'failed',
};

export const DEFAULT_EMULATOR_OPTIONS: Readonly<EmulatorOptions> = {
  port: 0,
  keys: [],
  latencyMs: 0,
  jobTimeScale: 1,
  errorBodyStyle: 'detail-string',
  unknownAppStatus: 404,
  missingInputStatus: 400,
  runReplyStatus: 200,
  jobStatusWords: DEFAULT_JOB_STATUS_WORDS,
  jobOutputField: 'result',
  uploadReplyStyle: 'file_id',
  forbiddenKeys: [],
  maxBodyBytes: 30 * 1000 * 1000 + 1024 * 1024,
};

/**
 * Merges `overrides` onto the defaults and validates the numbers. Returns a fresh object whose
 * arrays and status words are copies, so callers may change it without touching the defaults.
 * Throws a RangeError naming the option when a number is out of range.
 */
export function resolveEmulatorOptions(overrides: Partial<EmulatorOptions> = {}): EmulatorOptions {
  const options: EmulatorOptions = {
    ...DEFAULT_EMULATOR_OPTIONS,
    ...overrides,
    keys: [...(overrides.keys ?? DEFAULT_EMULATOR_OPTIONS.keys)],
    forbiddenKeys: [...(overrides.forbiddenKeys ?? DEFAULT_EMULATOR_OPTIONS.forbiddenKeys)],
    jobStatusWords: { ...DEFAULT_JOB_STATUS_WORDS, ...overrides.jobStatusWords },
  };

  assertInteger('port', options.port, 0, 65535);
  assertInteger('latencyMs', options.latencyMs, 0, 600_000);
  assertInteger('maxBodyBytes', options.maxBodyBytes, 0, Number.MAX_SAFE_INTEGER);
  if (!Number.isFinite(options.jobTimeScale) || options.jobTimeScale < 0) {
    throw new RangeError(
      `Invalid emulator option jobTimeScale: ${options.jobTimeScale}; use a number >= 0.`,
    );
  }
  for (const key of [...options.keys, ...options.forbiddenKeys]) {
    if (key.length === 0) {
      throw new RangeError(
        'Invalid emulator option: an API key in keys or forbiddenKeys is empty.',
      );
    }
  }
  return options;
}

function assertInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(
      `Invalid emulator option ${name}: ${value}; use an integer from ${min} to ${max}.`,
    );
  }
}
