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

/**
 * Maximum delay of a Node.js timer, in milliseconds (2^31 - 1, about 24.8 days). The Node.js
 * timers documentation states that a longer `setTimeout` delay is replaced by 1 ms, so a larger
 * timeout would fire at once.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;
/** {@link MAX_TIMER_MS} in whole seconds: 2,147,483 s. */
export const MAX_TIMER_SECONDS = Math.floor(MAX_TIMER_MS / 1000);

/** Settings that end up as a timer's delay, so each must be positive and at most MAX_TIMER_MS. */
const TIMER_SETTINGS = ['requestTimeoutMs', 'jobTimeoutMs', 'pollInitialMs', 'pollMaxMs'] as const;

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
 * undefined keeps the default, as an option the user left out does. Throws a message naming the
 * setting when the base URL or a timeout cannot be used.
 */
export function resolveSettings(overrides: Partial<ClientSettings> = {}): ClientSettings {
  const given = Object.fromEntries(
    Object.entries(overrides).filter(([, value]) => value !== undefined),
  );
  const merged = { ...defaultSettings, ...given };
  const problem = findTimerSettingsProblem(merged);
  if (problem) throw new Error(problem);
  return { ...merged, baseUrl: normalizeBaseUrl(merged.baseUrl) };
}

/**
 * Describes the first timeout or poll wait that is not a positive number of milliseconds up to
 * MAX_TIMER_MS, or returns undefined when all can be used.
 */
export function findTimerSettingsProblem(
  settings: Pick<ClientSettings, (typeof TIMER_SETTINGS)[number]>,
): string | undefined {
  for (const name of TIMER_SETTINGS) {
    const milliseconds = settings[name];
    if (!Number.isFinite(milliseconds) || milliseconds <= 0) {
      return `The setting ${name} is ${milliseconds}; use a positive number of milliseconds.`;
    }
    if (milliseconds > MAX_TIMER_MS) {
      return `The setting ${name} is ${milliseconds} ms, above the maximum of ${MAX_TIMER_MS} ms (about 24.8 days) that a timer can hold; use a smaller value.`;
    }
  }
  return undefined;
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
  const path = url.pathname.replace(/\/+$/, '');
  const endpoint = findEndpointSuffix(path);
  if (endpoint !== undefined) {
    const base = path.slice(0, path.length - endpoint.length) || '/v1';
    return `The base URL "${baseUrl}" is an endpoint: it ends in ${endpoint}. Use the part up to /v1, such as ${url.origin}${base}.`;
  }
  return undefined;
}

/**
 * Endpoint paths of the Hatz API below `/v1`, matched at the end of a base URL's path: running and
 * following workflows, listing, reading and querying apps, the models list and file uploads.
 */
const ENDPOINT_PATTERNS = [
  /\/v1\/workflows$/,
  /\/workflows\/[^/]+$/,
  /\/v1\/app$/,
  /\/app\/[^/]+$/,
  /\/app\/[^/]+\/query$/,
  /\/chat\/models$/,
  /\/files\/upload(-url)?$/,
  /\/files\/[^/]+\/status$/,
];

/**
 * Returns the endpoint path that `path` ends in, such as `/workflows/run`, or undefined. A path
 * ending in a version segment such as `/v1` is a base URL, even below a proxy prefix like `/app`.
 */
function findEndpointSuffix(path: string): string | undefined {
  if (/\/v\d+$/.test(path)) return undefined;
  for (const pattern of ENDPOINT_PATTERNS) {
    const match = pattern.exec(path);
    if (!match) continue;
    return match[0].startsWith('/v1/') ? match[0].slice('/v1'.length) : match[0];
  }
  return undefined;
}
