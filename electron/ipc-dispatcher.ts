import { invokeChannels, isInvokeChannel } from '../core/ipc-contract.ts';
import type { AppHandlers } from './handlers/app-handlers.ts';

export interface DispatcherOptions {
  /** Whether a request from a frame at this URL may reach the handlers. */
  isTrustedSender(senderUrl: string | undefined): boolean;
  log(entry: { channel: string; outcome: 'ok' | 'rejected' | 'error'; durationMs: number }): void;
}

/**
 * Checks each IPC request before its handler runs: a trusted sender frame, a known channel and a
 * payload that matches the contract. The renderer is treated as possibly compromised, so anything
 * else is rejected with an error that names the problem but never echoes the payload.
 */
export function createIpcDispatcher(handlers: AppHandlers, options: DispatcherOptions) {
  return async function dispatch(
    channel: unknown,
    payload: unknown,
    senderUrl: string | undefined,
  ) {
    const startTime = performance.now();
    const channelName = typeof channel === 'string' ? channel.slice(0, 64) : typeof channel;
    const reject = (reason: string) => {
      options.log({
        channel: channelName,
        outcome: 'rejected',
        durationMs: performance.now() - startTime,
      });
      return new Error(`IPC request on "${channelName}" rejected: ${reason}`);
    };

    if (!options.isTrustedSender(senderUrl)) throw reject('the sender frame is not the app');
    if (!isInvokeChannel(channel)) throw reject('unknown channel');
    const request = invokeChannels[channel].request.safeParse(payload);
    if (!request.success) {
      const fields = request.error.issues.map((issue) => issue.path.join('.') || '(payload)');
      throw reject(`invalid payload at ${[...new Set(fields)].join(', ')}`);
    }

    try {
      const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
      const reply = invokeChannels[channel].reply.parse(await handler(request.data));
      options.log({ channel, outcome: 'ok', durationMs: performance.now() - startTime });
      return reply;
    } catch (error) {
      options.log({ channel, outcome: 'error', durationMs: performance.now() - startTime });
      throw error;
    }
  };
}

export type IpcDispatch = ReturnType<typeof createIpcDispatcher>;
