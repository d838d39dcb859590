import { createBridge } from '../../core/bridge.ts';
import type { EventChannel, InvokeChannel } from '../../core/ipc-contract.ts';

/*
 * Stands in for the preload in end-to-end tests: the same bridge, but each call goes through a
 * Playwright binding to the real IPC dispatcher in the test process, and events come back through
 * `__hatzDeliver`.
 */
declare global {
  interface Window {
    __hatzInvoke(channel: InvokeChannel, payload: unknown): Promise<unknown>;
    __hatzDeliver(channel: EventChannel, payload: unknown): void;
    hatz: ReturnType<typeof createBridge>;
  }
}

const listeners = new Map<string, Set<(payload: unknown) => void>>();

window.__hatzDeliver = (channel, payload) => {
  for (const listener of listeners.get(channel) ?? []) listener(payload);
};

window.hatz = createBridge({
  invoke: (channel, payload) => window.__hatzInvoke(channel, payload),
  subscribe: (channel, listener) => {
    const channelListeners = listeners.get(channel) ?? new Set();
    channelListeners.add(listener);
    listeners.set(channel, channelListeners);
    return () => channelListeners.delete(listener);
  },
});
