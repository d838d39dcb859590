import { existsSync, renameSync } from 'node:fs';

export interface RecoveredStore<T> {
  store: T;
  /** Set when the file could not be read and was moved aside; names the moved file. */
  warning?: string;
}

/**
 * Opens a JSON settings store and, when its file cannot be parsed, moves the file aside to
 * `<file>.corrupt-<time>` and opens an empty store, so a damaged file is kept for inspection
 * instead of being emptied silently. `open` must throw on a file it cannot parse (electron-store
 * and conf do with `clearInvalidConfig: false`).
 */
export function openStoreWithRecovery<T>(open: () => T, filePath: string): RecoveredStore<T> {
  try {
    return { store: open() };
  } catch (error) {
    if (!(error instanceof SyntaxError) || !existsSync(filePath)) throw error;

    const movedPath = `${filePath}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(filePath, movedPath);
    return {
      store: open(),
      warning: `The settings file could not be read (${error.message}) and was moved to ${movedPath}. Saved keys in it must be added again.`,
    };
  }
}
