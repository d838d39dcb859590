/**
 * Creates a signal that a waiting loop sleeps on: `wait` resolves when `notify` is called or after
 * `timeoutMs`, whichever comes first. Notifications while nobody waits are not kept, so a loop must
 * check its state after every wake-up.
 */
export function createWakeSignal() {
  let waiters: (() => void)[] = [];

  function wait(timeoutMs?: number): Promise<void> {
    return new Promise((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const done = () => {
        clearTimeout(timer);
        waiters = waiters.filter((waiter) => waiter !== done);
        resolve();
      };
      waiters.push(done);
      if (timeoutMs !== undefined) timer = setTimeout(done, Math.max(0, timeoutMs));
    });
  }

  function notify(): void {
    for (const waiter of [...waiters]) waiter();
  }

  return { wait, notify };
}
