import { importCurl } from '../../core/curl-import.ts';
import { lastFour } from '../../core/mask-key.ts';
import type { FailureKind } from '../../core/schemas.ts';
import { createWorkflowPickerStore } from '../../core/workflow-picker-store.ts';
import type { HandlerContext, HandlersFor } from './handler-context.ts';

type InputsChannel =
  | 'inputs.getWorkflow'
  | 'inputs.listWorkflows'
  | 'inputs.getPicks'
  | 'inputs.setFavourite'
  | 'inputs.addRecent'
  | 'inputs.uploadFile'
  | 'inputs.parseCurl'
  | 'inputs.storeCurlKey';

/** Failures after which the saved list is shown, because Hatz could not be reached at all. */
const OFFLINE_KINDS = new Set<FailureKind>(['network', 'timeout', 'server-error']);
/** Keys of parsed cURL commands waiting for the user's choice; older ones are dropped. */
const MAX_PENDING_KEYS = 5;

/**
 * Handles the workflow picker and inputs channels. A key found in a pasted cURL command stays in
 * this process, named by an import id, until the user chooses to store it.
 */
export function createInputHandlers({ dependencies, connection, connectClient }: HandlerContext) {
  const picker = createWorkflowPickerStore(dependencies.store);
  const pendingKeys = new Map<string, { apiKey: string; baseUrl?: string }>();

  /** Names the active server and key by base URL and the key's last four characters. */
  function currentScope(): string {
    const active = connection.get();
    return active ? `${active.baseUrl} ${lastFour(active.apiKey)}` : '';
  }

  const handlers: HandlersFor<InputsChannel> = {
    'inputs.getWorkflow': async ({ appId }) => {
      const connected = connectClient();
      if (!connected.ok) return connected;
      const client = connected.value;
      const { result } = await client.getWorkflow(appId.trim());
      return result.ok ? { ok: true, value: { workflow: result.value } } : result;
    },

    'inputs.listWorkflows': async ({ search }) => {
      const connected = connectClient();
      if (!connected.ok) return connected;
      const client = connected.value;
      const scope = currentScope();
      const { result } = await client.listWorkflows({ search });
      if (result.ok) {
        if (!search) picker.saveList(scope, result.value);
        return { ok: true, value: { workflows: result.value, savedAt: null } };
      }

      const saved = picker.getList(scope);
      if (!saved || !OFFLINE_KINDS.has(result.failure.kind)) return result;
      const needle = search?.toLowerCase() ?? '';
      const workflows = saved.workflows.filter((workflow) =>
        workflow.name.toLowerCase().includes(needle),
      );
      return {
        ok: true,
        value: { workflows, savedAt: saved.savedAt, offlineReason: result.failure },
      };
    },

    'inputs.getPicks': async () => picker.getPicks(currentScope()),

    'inputs.setFavourite': async ({ workflow, isFavourite }) =>
      picker.setFavourite(currentScope(), workflow, isFavourite),

    'inputs.addRecent': async ({ workflow }) => picker.addRecent(currentScope(), workflow),

    'inputs.uploadFile': async ({ uploadId, appId, fileName, mimeType, contentBase64 }) => {
      const connected = connectClient();
      if (!connected.ok) return connected;
      const client = connected.value;
      const bytes = new Uint8Array(Buffer.from(contentBase64, 'base64'));
      const { result } = await client.uploadFile({
        appId,
        fileName,
        mimeType: mimeType || 'application/octet-stream',
        bytes,
        onStatus: (status) => dependencies.emit('inputs.uploadStatus', { uploadId, status }),
      });
      return result;
    },

    'inputs.parseCurl': async ({ command }) => {
      const parsed = importCurl(command);
      if (!parsed.ok) return parsed;

      const { request, apiKey } = parsed.value;
      const importId = crypto.randomUUID();
      if (apiKey !== undefined) {
        pendingKeys.set(importId, { apiKey, baseUrl: request.baseUrl });
        for (const oldest of pendingKeys.keys()) {
          if (pendingKeys.size <= MAX_PENDING_KEYS) break;
          pendingKeys.delete(oldest);
        }
      }
      return {
        ok: true,
        value: {
          importId,
          shell: request.shell,
          baseUrl: request.baseUrl,
          appId: request.appId,
          inputsText: request.inputsText,
          isDraft: request.isDraft,
          keyLastFour: apiKey === undefined ? null : lastFour(apiKey),
          notes: request.notes,
        },
      };
    },

    'inputs.storeCurlKey': async ({ importId, label }) => {
      const pending = pendingKeys.get(importId);
      if (!pending) {
        const message = 'The key of that cURL command is no longer held. Paste the command again.';
        return { ok: false, failure: { kind: 'invalid-input', message } };
      }
      const baseUrl = pending.baseUrl ?? connection.describe().baseUrl;
      const saved = await connection.saveKey({ apiKey: pending.apiKey, baseUrl, label });
      if (saved.ok) pendingKeys.delete(importId);
      return saved;
    },
  };

  return { handlers };
}
