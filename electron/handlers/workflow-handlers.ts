import { NO_CONNECTION, type HandlerContext, type HandlersFor } from './handler-context.ts';

export function createWorkflowHandlers({ createClient }: HandlerContext) {
  const handlers: HandlersFor<'workflows.list'> = {
    'workflows.list': async ({ search }) => {
      const client = createClient();
      if (!client) return { ok: false, failure: NO_CONNECTION };
      const { result } = await client.listWorkflows({ search });
      return result.ok ? { ok: true, value: { workflows: result.value } } : result;
    },
  };
  return { handlers };
}
