import { runWorkflow } from '../../core/run-workflow.ts';
import { NO_CONNECTION, type HandlerContext, type HandlersFor } from './handler-context.ts';

/** Starts runs that are followed in the background and sends each snapshot as a `runs.update`. */
export function createRunHandlers({ dependencies, createClient }: HandlerContext) {
  const runs = new Map<string, AbortController>();

  const handlers: HandlersFor<'runs.start' | 'runs.cancel'> = {
    'runs.start': async (request) => {
      const client = createClient();
      if (!client) return { ok: false, failure: NO_CONNECTION };

      const runId = crypto.randomUUID();
      const controller = new AbortController();
      runs.set(runId, controller);
      void runWorkflow({
        ...request,
        client,
        runId,
        signal: controller.signal,
        onUpdate: (snapshot) => dependencies.emit('runs.update', snapshot),
      }).finally(() => runs.delete(runId));
      return { ok: true, value: { runId } };
    },

    'runs.cancel': async ({ runId }) => {
      const controller = runs.get(runId);
      controller?.abort();
      return { cancelled: controller !== undefined };
    },
  };

  /** Stops following every run, for a clean quit. */
  async function dispose(): Promise<void> {
    for (const controller of runs.values()) controller.abort();
  }

  return { handlers, dispose };
}
