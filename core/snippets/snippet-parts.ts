/** The parts of a run request that a snippet sends: URL, body exactly as validated, and key. */
export interface SnippetParts {
  url: string;
  body: string;
  /** The key itself, only when the user asked for it; otherwise the `HATZ_API_KEY` variable. */
  apiKey?: string;
}

/** Name of the environment variable that snippets read the key from. */
export const KEY_VARIABLE = 'HATZ_API_KEY';
