import { findBaseUrlProblem } from '../../core/settings.ts';
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

    'connection.saveKey': async ({ apiKey, baseUrl }) => {
      const problem = findBaseUrlProblem(baseUrl);
      if (problem) return { ok: false, failure: { kind: 'invalid-input', message: problem } };
      const trimmedKey = apiKey.trim();
      if (trimmedKey === '' || /\s/.test(trimmedKey)) {
        const message = 'The API key is empty or contains spaces. Copy the key again from Hatz.';
        return { ok: false, failure: { kind: 'invalid-input', message } };
      }

      await connection.saveKey(trimmedKey, baseUrl);
      return { ok: true, value: connection.describe() };
    },

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
