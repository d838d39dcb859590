import type { HandlerContext, HandlersFor } from './handler-context.ts';

export function createWorkflowHandlers({ connectClient }: HandlerContext) {
  const handlers: HandlersFor<'workflows.list'> = {
    'workflows.list': async ({ search }) => {
      const connected = connectClient();
      if (!connected.ok) return connected;
      const client = connected.value;
      const { result } = await client.listWorkflows({ search });
      return result.ok ? { ok: true, value: { workflows: result.value } } : result;
    },
  };
  return { handlers };
}
