import type { EventOf, RequestOf } from '../ipc-contract.ts';
import type { BridgeCall, BridgeListen } from './bridge-call.ts';

export function createInputsBridge(call: BridgeCall, listen: BridgeListen) {
  return {
    getWorkflow: (request: RequestOf<'inputs.getWorkflow'>) => call('inputs.getWorkflow', request),
    listWorkflows: (request: RequestOf<'inputs.listWorkflows'>) =>
      call('inputs.listWorkflows', request),
    getPicks: () => call('inputs.getPicks', {}),
    setFavourite: (request: RequestOf<'inputs.setFavourite'>) =>
      call('inputs.setFavourite', request),
    addRecent: (request: RequestOf<'inputs.addRecent'>) => call('inputs.addRecent', request),
    uploadFile: (request: RequestOf<'inputs.uploadFile'>) => call('inputs.uploadFile', request),
    onUploadStatus: (listener: (event: EventOf<'inputs.uploadStatus'>) => void) =>
      listen('inputs.uploadStatus', listener),
    parseCurl: (request: RequestOf<'inputs.parseCurl'>) => call('inputs.parseCurl', request),
    storeCurlKey: (request: RequestOf<'inputs.storeCurlKey'>) =>
      call('inputs.storeCurlKey', request),
  };
}
