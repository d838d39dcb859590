import type { HandlerContext, HandlersFor } from './handler-context.ts';

/** Serves pieces of the large reply bodies that runs and history records left in this process. */
export function createBodyHandlers({ bodies }: HandlerContext) {
  const handlers: HandlersFor<'bodies.read'> = {
    'bodies.read': async ({ id, start, end }) => ({ text: bodies.read(id, start, end) ?? null }),
  };
  return { handlers };
}
