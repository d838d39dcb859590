/**
 * Waits `ms` milliseconds. Resolves true after the wait, or false at once when `signal` aborts,
 * so that closing the emulator never leaves a timer holding the process open.
 */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);

  return new Promise((resolve) => {
    const handleAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', handleAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', handleAbort, { once: true });
  });
}
