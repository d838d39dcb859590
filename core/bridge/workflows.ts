import type { RequestOf } from '../ipc-contract.ts';
import type { BridgeCall } from './bridge-call.ts';

export function createWorkflowsBridge(call: BridgeCall) {
  return {
    list: (request: RequestOf<'workflows.list'>) => call('workflows.list', request),
  };
}
