import type { RequestOf } from '../ipc-contract.ts';
import type { BridgeCall } from './bridge-call.ts';

export function createBodiesBridge(call: BridgeCall) {
  return {
    read: (request: RequestOf<'bodies.read'>) => call('bodies.read', request),
  };
}
