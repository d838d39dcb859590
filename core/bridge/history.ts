import type { EventOf, RequestOf } from '../ipc-contract.ts';
import type { BridgeCall, BridgeListen } from './bridge-call.ts';

export function createHistoryBridge(call: BridgeCall, listen: BridgeListen) {
  return {
    list: (request: RequestOf<'history.list'>) => call('history.list', request),
    get: (request: RequestOf<'history.get'>) => call('history.get', request),
    delete: (request: RequestOf<'history.delete'>) => call('history.delete', request),
    restore: (request: RequestOf<'history.restore'>) => call('history.restore', request),
    pin: (request: RequestOf<'history.pin'>) => call('history.pin', request),
    clear: (request: RequestOf<'history.clear'>) => call('history.clear', request),
    getRetention: () => call('history.getRetention', {}),
    setRetention: (request: RequestOf<'history.setRetention'>) =>
      call('history.setRetention', request),
    export: (request: RequestOf<'history.export'>) => call('history.export', request),
    snippet: (request: RequestOf<'history.snippet'>) => call('history.snippet', request),
    onChange: (listener: (event: EventOf<'history.changed'>) => void) =>
      listen('history.changed', listener),
  };
}
