import type { EventOf, RequestOf } from '../ipc-contract.ts';
import type { BridgeCall, BridgeListen } from './bridge-call.ts';

export function createRunsBridge(call: BridgeCall, listen: BridgeListen) {
  return {
    start: (request: RequestOf<'runs.start'>) => call('runs.start', request),
    cancel: (request: RequestOf<'runs.cancel'>) => call('runs.cancel', request),
    onUpdate: (listener: (run: EventOf<'runs.update'>) => void) => listen('runs.update', listener),
  };
}
