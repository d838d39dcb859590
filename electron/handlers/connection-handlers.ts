import type { HandlerContext, HandlersFor, Sandbox } from './handler-context.ts';

type ConnectionChannel =
  'connection.get' | 'connection.useSandbox' | 'connection.saveKey' | 'connection.forgetKey';

export function createConnectionHandlers({ dependencies, connection }: HandlerContext) {
  let sandbox: Promise<Sandbox> | undefined;

  const handlers: HandlersFor<ConnectionChannel> = {
    'connection.get': async () => connection.describe(),

    'connection.useSandbox': async () => {
      sandbox ??= dependencies.startSandbox();
      try {
        const running = await sandbox;
        connection.useSandbox(running.url, running.apiKey);
        return { ok: true, value: connection.describe() };
      } catch (error) {
        // A later click tries again instead of reusing the failed start.
        sandbox = undefined;
        const reason = error instanceof Error ? error.message : String(error);
        return {
          ok: false,
          failure: { kind: 'network', message: `the practice sandbox could not start: ${reason}` },
        };
      }
    },

    'connection.saveKey': async (request) => connection.saveKey(request),

    'connection.forgetKey': async () => {
      connection.forget();
      return connection.describe();
    },
  };

  async function dispose(): Promise<void> {
    const running = await sandbox?.catch(() => undefined);
    await running?.close();
  }

  return { handlers, dispose };
}
