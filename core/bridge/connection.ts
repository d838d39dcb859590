import type { RequestOf } from '../ipc-contract.ts';
import type { BridgeCall } from './bridge-call.ts';

export function createConnectionBridge(call: BridgeCall) {
  return {
    get: () => call('connection.get', {}),
    useSandbox: () => call('connection.useSandbox', {}),
    saveKey: (request: RequestOf<'connection.saveKey'>) => call('connection.saveKey', request),
    forgetKey: () => call('connection.forgetKey', {}),
  };
}
