import type { EventOf, RequestOf } from '../ipc-contract.ts';
import type { BridgeCall, BridgeListen } from './bridge-call.ts';

export function createBatchBridge(call: BridgeCall, listen: BridgeListen) {
  return {
    load: (request: RequestOf<'batch.load'>) => call('batch.load', request),
    remap: (request: RequestOf<'batch.remap'>) => call('batch.remap', request),
    start: (request: RequestOf<'batch.start'>) => call('batch.start', request),
    control: (request: RequestOf<'batch.control'>) => call('batch.control', request),
    exportResults: (request: RequestOf<'batch.export'>) => call('batch.export', request),
    onProgress: (listener: (progress: EventOf<'batch.progress'>) => void) =>
      listen('batch.progress', listener),
    onResult: (listener: (result: EventOf<'batch.result'>) => void) =>
      listen('batch.result', listener),
  };
}
