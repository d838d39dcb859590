/** Client behaviour that a user may change, including every guessed part of the Hatz API. */
export interface ClientSettings {
  /** Base URL of the API, including the version path, without a trailing slash. */
  baseUrl: string;
  /**
   * Path of the job-status endpoint below the base URL; `{job_id}` is replaced by the job's id.
   * NOTE: the path is documented, but the reply's shape is not, so `doneWords`, `failedWords` and
   * `outputFields` below are guesses taken from third-party notes.
   */
  jobStatusPath: string;
  /** Status words, compared case-insensitively, that mean a job completed. */
  doneWords: string[];
  /** Status words, compared case-insensitively, that mean a job ended badly. */
  failedWords: string[];
  /** Fields of the job reply searched for outputs, in this order. */
  outputFields: string[];
  /** Time allowed for one HTTP request, headers and body, in milliseconds. */
  requestTimeoutMs: number;
  /** Time allowed for a job to end, counted from the run request, in milliseconds. */
  jobTimeoutMs: number;
  /** First wait between job polls, in milliseconds; later waits grow by `pollBackoff`. */
  pollInitialMs: number;
  pollMaxMs: number;
  pollBackoff: number;
  /** Failed polls in a row (network, 5xx, 429, 404) tolerated before following gives up. */
  maxPollFailures: number;
  /** Reply bodies are cut at this size, in bytes, and marked as truncated. */
  maxBodyBytes: number;
  /** Redirects followed for one request; a redirect to another origin is never followed. */
  maxRedirects: number;
}

export const HATZ_BASE_URL = 'https://ai.hatz.ai/v1';

export const defaultSettings: ClientSettings = {
  baseUrl: HATZ_BASE_URL,
  jobStatusPath: '/workflows/{job_id}',
  doneWords: ['complete', 'completed', 'success', 'succeeded'],
  failedWords: ['failed', 'error', 'cancelled', 'canceled'],
  outputFields: ['result', 'output', 'outputs', 'step_outputs', 'data'],
  requestTimeoutMs: 30_000,
  jobTimeoutMs: 10 * 60_000,
  pollInitialMs: 2_000,
  pollMaxMs: 5_000,
  pollBackoff: 1.5,
  maxPollFailures: 5,
  maxBodyBytes: 64 * 1024 * 1024,
  maxRedirects: 5,
};

/**
 * Returns the settings with `overrides` applied and the base URL normalised. An override that is
 * undefined keeps the default, as an option the user left out does.
 */
export function resolveSettings(overrides: Partial<ClientSettings> = {}): ClientSettings {
  const given = Object.fromEntries(
    Object.entries(overrides).filter(([, value]) => value !== undefined),
  );
  const merged = { ...defaultSettings, ...given };
  return { ...merged, baseUrl: normalizeBaseUrl(merged.baseUrl) };
}

/**
 * Removes trailing slashes, and adds `/v1` to a URL that has no path, so that both
 * `http://127.0.0.1:8080` (as the emulator prints it) and `https://ai.hatz.ai/v1` work.
 * Throws a message that names the value when it is not an http or https URL.
 */
export function normalizeBaseUrl(baseUrl: string): string {
  const problem = findBaseUrlProblem(baseUrl);
  if (problem) throw new Error(problem);

  const url = new URL(baseUrl.trim());
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path === '' ? '/v1' : path}`;
}

/** Describes what is wrong with a base URL, or returns undefined when it can be used. */
export function findBaseUrlProblem(baseUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    return `The base URL "${baseUrl}" is not a URL. Use a form such as ${HATZ_BASE_URL}.`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return `The base URL "${baseUrl}" uses ${url.protocol}; use http:// or https://.`;
  }
  if (url.username || url.password) {
    return `The base URL "${url.host}" contains a user name or password; remove it and use an API key.`;
  }
  if (url.search || url.hash) {
    return `The base URL "${baseUrl}" contains a query or fragment; remove everything after "?" or "#".`;
  }
  return undefined;
}
