import type { z } from 'zod';

import { batchChannels, batchEvents } from './contract/batch.ts';
import { bodyChannels } from './contract/bodies.ts';
import { connectionChannels } from './contract/connection.ts';
import { historyChannels, historyEvents } from './contract/history.ts';
import { inputsChannels, inputsEvents } from './contract/inputs.ts';
import { keyChannels } from './contract/keys.ts';
import { runChannels, runEvents } from './contract/runs.ts';
import { workflowChannels } from './contract/workflows.ts';

export { connectionInfoSchema, type ConnectionInfo } from './contract/connection.ts';
export type { KeySummary, VaultInfo } from './contract/keys.ts';

/*
 * The one IPC contract between the renderer and the main process, assembled from one file per
 * domain under contract/. Every channel names its request and reply schema. The main process
 * parses each request before a handler receives it, because a compromised renderer can send anything,
 * and the renderer parses each reply.
 */
export const invokeChannels = {
  ...connectionChannels,
  ...keyChannels,
  ...workflowChannels,
  ...runChannels,
  ...historyChannels,
  ...batchChannels,
  ...inputsChannels,
  ...bodyChannels,
} as const;

/** Messages the main process pushes to the renderer. */
export const eventChannels = {
  ...runEvents,
  ...historyEvents,
  ...batchEvents,
  ...inputsEvents,
} as const;

export type InvokeChannel = keyof typeof invokeChannels;
export type EventChannel = keyof typeof eventChannels;
export type RequestOf<C extends InvokeChannel> = z.input<(typeof invokeChannels)[C]['request']>;
export type ReplyOf<C extends InvokeChannel> = z.infer<(typeof invokeChannels)[C]['reply']>;
export type EventOf<C extends EventChannel> = z.infer<(typeof eventChannels)[C]>;

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && Object.hasOwn(invokeChannels, value);
}
