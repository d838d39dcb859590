import { holdLargeBodies } from '../../core/body-shelf.ts';
import { recordRun } from '../../core/history/record-run.ts';
import { runWorkflow } from '../../core/run-workflow.ts';
import type { HttpExchange } from '../../core/schemas.ts';
import type { HandlerContext, HandlersFor } from './handler-context.ts';

/** Starts runs that are followed in the background and sends each snapshot as a `runs.update`. */
export function createRunHandlers(context: HandlerContext) {
  const { dependencies, connection, bodies, connectClient } = context;
  const runs = new Map<string, AbortController>();

  const handlers: HandlersFor<'runs.start' | 'runs.cancel'> = {
    'runs.start': async (request) => {
      const connected = connectClient();
      if (!connected.ok) return connected;
      const client = connected.value;
      connection.vault.rememberKeyForWorkflow(request.appId);

      const runId = crypto.randomUUID();
      const controller = new AbortController();
      const active = connection.get();
      const startedAt = new Date();
      runs.set(runId, controller);
      let sentExchange: HttpExchange | undefined;
      void runWorkflow({
        ...request,
        client,
        runId,
        signal: controller.signal,
        onUpdate: (snapshot) => {
          // Each exchange crosses IPC once: later snapshots leave it out, and the renderer keeps
          // the one it received. A large body stays here, and the renderer reads it in pieces.
          const isNewExchange =
            snapshot.exchange !== undefined && snapshot.exchange !== sentExchange;
          sentExchange = snapshot.exchange;
          const update = isNewExchange ? snapshot : { ...snapshot, exchange: undefined };
          dependencies.emit('runs.update', holdLargeBodies(update, bodies));
        },
      })
        .then(async (snapshot) => {
          const problem = await recordRun(dependencies.history, {
            ...request,
            snapshot,
            baseUrl: client.settings.baseUrl,
            key: active ? { label: active.label, apiKey: active.apiKey } : null,
            source: 'app',
            startedAt,
            endedAt: new Date(),
          });
          dependencies.emit('history.changed', problem === undefined ? {} : { problem });
        })
        .finally(() => runs.delete(runId));
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
