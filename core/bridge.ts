// Must run before the contract's schemas are built.
import './zod-without-eval.ts';
import { createBatchBridge } from './bridge/batch.ts';
import { createBodiesBridge } from './bridge/bodies.ts';
import type { BridgeCall, BridgeListen } from './bridge/bridge-call.ts';
import { createConnectionBridge } from './bridge/connection.ts';
import { createHistoryBridge } from './bridge/history.ts';
import { createInputsBridge } from './bridge/inputs.ts';
import { createKeysBridge } from './bridge/keys.ts';
import { createRunsBridge } from './bridge/runs.ts';
import { createWorkflowsBridge } from './bridge/workflows.ts';
import {
  eventChannels,
  invokeChannels,
  type EventChannel,
  type InvokeChannel,
} from './ipc-contract.ts';

/** Transport to the main process: `ipcRenderer` in the preload, a test binding in tests. */
export interface BridgeTransport {
  invoke(channel: InvokeChannel, payload: unknown): Promise<unknown>;
  /** Registers a listener and returns the function that removes it. */
  subscribe(channel: EventChannel, listener: (payload: unknown) => void): () => void;
}

/**
 * Builds the API that the renderer receives as `window.hatz`: named task functions grouped by domain,
 * one file per domain under bridge/, never a generic `invoke`. Each reply and event is parsed
 * against the contract before the UI gets it. An event that does not match is dropped.
 */
export function createBridge(transport: BridgeTransport) {
  const call: BridgeCall = async (channel, request) => {
    const reply = await transport.invoke(channel, request);
    return invokeChannels[channel].reply.parse(reply) as never;
  };
  const listen: BridgeListen = (channel, listener) =>
    transport.subscribe(channel, (payload) => {
      const parsed = eventChannels[channel].safeParse(payload);
      if (parsed.success) listener(parsed.data as never);
    });

  return {
    connection: createConnectionBridge(call),
    keys: createKeysBridge(call),
    workflows: createWorkflowsBridge(call),
    runs: createRunsBridge(call, listen),
    history: createHistoryBridge(call, listen),
    batch: createBatchBridge(call, listen),
    inputs: createInputsBridge(call, listen),
    bodies: createBodiesBridge(call),
  };
}

export type HatzBridge = ReturnType<typeof createBridge>;
