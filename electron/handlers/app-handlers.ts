import { createBatchHandlers } from './batch-handlers.ts';
import { createBodyHandlers } from './body-handlers.ts';
import { createConnectionHandlers } from './connection-handlers.ts';
import { createConnectionState } from './connection-state.ts';
import { createHistoryHandlers } from './history-handlers.ts';
import { createInputHandlers } from './input-handlers.ts';
import { createKeyHandlers } from './key-handlers.ts';
import {
  createHandlerContext,
  type AppHandlerDependencies,
  type AppHandlers,
} from './handler-context.ts';
import { createRunHandlers } from './run-handlers.ts';
import { createWorkflowHandlers } from './workflow-handlers.ts';

export type { AppHandlerDependencies, AppHandlers, Sandbox } from './handler-context.ts';

/**
 * Creates the handler of every IPC channel, one file per domain. Requests reach these already
 * validated against the contract; the API key stays inside and only its last four characters
 * go out.
 */
export async function createAppHandlers(dependencies: AppHandlerDependencies) {
  const connection = createConnectionState(dependencies);
  await connection.load();
  const context = createHandlerContext(dependencies, connection);

  const connectionDomain = createConnectionHandlers(context);
  const keyDomain = createKeyHandlers(context);
  const workflowDomain = createWorkflowHandlers(context);
  const runDomain = createRunHandlers(context);
  const historyDomain = createHistoryHandlers(context);
  const batchDomain = createBatchHandlers(context);
  const inputsDomain = createInputHandlers(context);
  const bodyDomain = createBodyHandlers(context);
  // Typed as AppHandlers, so a channel without a handler fails to compile.
  const handlers: AppHandlers = {
    ...connectionDomain.handlers,
    ...keyDomain.handlers,
    ...workflowDomain.handlers,
    ...runDomain.handlers,
    ...historyDomain.handlers,
    ...batchDomain.handlers,
    ...inputsDomain.handlers,
    ...bodyDomain.handlers,
  };

  /** Stops background work and closes the sandbox, for a clean quit. */
  async function dispose(): Promise<void> {
    await Promise.all([runDomain.dispose(), batchDomain.dispose(), connectionDomain.dispose()]);
  }

  return { handlers, dispose };
}
