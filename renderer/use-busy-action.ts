import { useState } from 'react';

import { problemFromError, type Problem } from './problem.ts';

/**
 * Returns `runAction`, which sets `isBusy` while an action runs so the caller can disable its
 * buttons, and turns an error the action throws into `problem`. A failure that the bridge returns
 * as a value is for the action to set with `setProblem`.
 */
export function useBusyAction() {
  const [isBusy, setIsBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  async function runAction(operation: string, action: () => Promise<void>): Promise<void> {
    setIsBusy(true);
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem(problemFromError(operation, error));
    } finally {
      setIsBusy(false);
    }
  }

  return { isBusy, problem, setProblem, runAction };
}
