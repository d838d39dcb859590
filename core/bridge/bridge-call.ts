import type { EventChannel, EventOf, InvokeChannel, ReplyOf, RequestOf } from '../ipc-contract.ts';

/** Sends one request on a channel and resolves with its parsed reply. */
export type BridgeCall = <C extends InvokeChannel>(
  channel: C,
  request: RequestOf<C>,
) => Promise<ReplyOf<C>>;

/** Subscribes to an event channel with parsed events and returns the function that unsubscribes. */
export type BridgeListen = <C extends EventChannel>(
  channel: C,
  listener: (event: EventOf<C>) => void,
) => () => void;
