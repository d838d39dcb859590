import type { RequestOf } from '../ipc-contract.ts';
import type { BridgeCall } from './bridge-call.ts';

/** Creates the renderer's functions of the key vault. A key goes in through `add` and `replace` only. */
export function createKeysBridge(call: BridgeCall) {
  return {
    list: () => call('keys.list', {}),
    add: (request: RequestOf<'keys.add'>) => call('keys.add', request),
    update: (request: RequestOf<'keys.update'>) => call('keys.update', request),
    replace: (request: RequestOf<'keys.replace'>) => call('keys.replace', request),
    delete: (request: RequestOf<'keys.delete'>) => call('keys.delete', request),
    restore: (request: RequestOf<'keys.restore'>) => call('keys.restore', request),
    setActive: (request: RequestOf<'keys.setActive'>) => call('keys.setActive', request),
    verify: (request: RequestOf<'keys.verify'>) => call('keys.verify', request),
    lastUsedFor: (request: RequestOf<'keys.lastUsedFor'>) => call('keys.lastUsedFor', request),
  };
}
