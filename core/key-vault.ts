import { cleanApiKey } from './clean-api-key.ts';
import type { KeySummary, VaultInfo } from './contract/keys.ts';
import { isRecord } from './json.ts';
import {
  LEGACY_STORE_KEY,
  MAX_REMEMBERED_WORKFLOWS,
  MAX_VERDICTS_PER_KEY,
  readStoredVault,
  toStoredRecord,
  VAULT_STORE_KEY,
  type StoredKeyRecord,
} from './key-vault-records.ts';
import type { KeyVerdict } from './key-verdict.ts';
import { lastFour } from './mask-key.ts';
import type { Result } from './schemas.ts';
import type { KeyValueStore, SecretCipher } from './secret-cipher.ts';
import { findBaseUrlProblem, normalizeBaseUrl } from './settings.ts';

/** The key and server that requests go to; `apiKey` never leaves the main process. */
export interface ActiveConnection {
  keyId: string | null;
  label: string;
  baseUrl: string;
  apiKey: string;
  isSandbox: boolean;
}

export interface AddKeyRequest {
  label: string;
  note?: string;
  baseUrl: string;
  /** The key as pasted; it is cleaned before it is stored. */
  apiKey: string;
  acceptWeakStorage?: boolean;
  makeActive?: boolean;
}

export interface KeyChange {
  keyId: string;
  /** Descriptions of the parts cleaning removed from the pasted key, such as `a leading "Bearer "`. */
  removed: string[];
}

interface DeletedKey {
  record: StoredKeyRecord;
  secret: string | undefined;
  wasUnreadable: boolean;
  index: number;
  wasActive: boolean;
}

/**
 * Creates the vault of named API keys. Keys are encrypted with `cipher` and kept in `store`,
 * decrypted into this process's memory only, and described to callers by id, label and last
 * four characters. Where `cipher` reports a weakness, a new key is kept for this session only
 * unless the caller accepts weak storage, because a weakly encrypted key on disk is readable by
 * anyone who copies the file.
 */
export function createKeyVault(options: { cipher: SecretCipher; store: KeyValueStore }) {
  const { cipher, store } = options;
  let records: StoredKeyRecord[] = [];
  const secrets = new Map<string, string>();
  const unreadable = new Set<string>();
  const deleted = new Map<string, DeletedKey>();
  let activeKeyId: string | null = null;
  let sandbox: { baseUrl: string; apiKey: string } | undefined;
  let isSandboxActive = false;
  let lastKeyByWorkflow = new Map<string, string>();
  let storageWeakness: string | undefined;

  /** Reads and decrypts every stored key. A key that cannot be decrypted is reported, not deleted. */
  async function load(): Promise<void> {
    const saved = readStoredVault(store.get(VAULT_STORE_KEY));
    records = saved.keys;
    activeKeyId = saved.activeKeyId;
    lastKeyByWorkflow = new Map(saved.lastKeyByWorkflow);
    await importLegacyKey();

    for (const record of records) {
      if (record.encryptedKey === undefined || record.storage === 'session') continue;
      try {
        secrets.set(record.id, await cipher.decrypt(record.encryptedKey));
      } catch {
        unreadable.add(record.id);
      }
    }
    if (activeKeyId !== null && !records.some((record) => record.id === activeKeyId)) {
      activeKeyId = null;
    }
    storageWeakness = await cipher.findWeakness();
  }

  /** Moves the single key of earlier versions into the vault, as its active key. */
  async function importLegacyKey(): Promise<void> {
    const legacy = store.get(LEGACY_STORE_KEY);
    if (!isRecord(legacy) || typeof legacy.encryptedKey !== 'string') return;
    if (typeof legacy.baseUrl !== 'string' || findBaseUrlProblem(legacy.baseUrl)) return;

    let keyLastFour = '';
    try {
      keyLastFour = lastFour(await cipher.decrypt(legacy.encryptedKey));
    } catch {
      // Left for load() to report as unreadable, named by its label.
    }
    const now = new Date().toISOString();
    const id = crypto.randomUUID();
    records.push({
      id,
      label: uniqueLabel('Saved key'),
      note: '',
      baseUrl: normalizeBaseUrl(legacy.baseUrl),
      lastFour: keyLastFour,
      storage: 'keychain',
      encryptedKey: legacy.encryptedKey,
      createdAt: now,
      updatedAt: now,
      verdicts: [],
    });
    activeKeyId ??= id;
    persist();
    store.delete(LEGACY_STORE_KEY);
  }

  function persist(): void {
    store.set(VAULT_STORE_KEY, {
      activeKeyId,
      keys: records.map(toStoredRecord),
      lastKeyByWorkflow: [...lastKeyByWorkflow],
    });
  }

  function summarize(record: StoredKeyRecord): KeySummary {
    const status = secrets.has(record.id)
      ? 'ready'
      : unreadable.has(record.id)
        ? 'unreadable'
        : 'not-kept';
    return {
      id: record.id,
      label: record.label,
      note: record.note,
      baseUrl: record.baseUrl,
      lastFour: record.lastFour,
      status,
      storage: record.storage,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      verdicts: record.verdicts,
    };
  }

  function describe(): VaultInfo {
    return {
      keys: records.map(summarize),
      activeKeyId: isSandboxActive ? null : activeKeyId,
      isSandboxActive,
      storageWeakness,
      warnings: describeWarnings(),
      restorableKeyIds: [...deleted.keys()],
    };
  }

  function describeWarnings(): string[] {
    const warnings: string[] = [];
    for (const record of records) {
      if (unreadable.has(record.id)) {
        warnings.push(
          `The key "${record.label}" could not be decrypted: it was stored on another computer or by another user. Use "Replace key" to paste it again.`,
        );
      } else if (!secrets.has(record.id)) {
        warnings.push(
          `The key "${record.label}" was kept for an earlier session only. Use "Replace key" to paste it again.`,
        );
      }
    }
    return warnings;
  }

  function find(id: string): StoredKeyRecord | undefined {
    return records.find((record) => record.id === id);
  }

  function notFound(id: string): Result<never> {
    return {
      ok: false,
      failure: {
        kind: 'invalid-input',
        message: `No stored key has the id ${id}; reload the keys.`,
      },
    };
  }

  function invalid(message: string): Result<never> {
    return { ok: false, failure: { kind: 'invalid-input', message } };
  }

  function uniqueLabel(wanted: string): string {
    let label = wanted;
    for (let suffix = 2; isLabelTaken(label); suffix++) label = `${wanted} ${suffix}`;
    return label;
  }

  function isLabelTaken(label: string, exceptId?: string): boolean {
    const wanted = label.trim().toLowerCase();
    return records.some(
      (record) => record.id !== exceptId && record.label.toLowerCase() === wanted,
    );
  }

  /**
   * Encrypts `apiKey` for the store, or decides to keep it for this session only. Returns the
   * storage used and the ciphertext, if any.
   */
  async function protect(
    apiKey: string,
    acceptWeakStorage: boolean,
  ): Promise<Pick<StoredKeyRecord, 'storage' | 'encryptedKey'>> {
    storageWeakness = await cipher.findWeakness();
    if (storageWeakness && !acceptWeakStorage) return { storage: 'session' };
    try {
      const encryptedKey = await cipher.encrypt(apiKey);
      return { storage: storageWeakness ? 'weak' : 'keychain', encryptedKey };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      storageWeakness = `Encrypting the key failed (${reason}).`;
      return { storage: 'session' };
    }
  }

  async function add(request: AddKeyRequest): Promise<Result<KeyChange>> {
    const label = request.label.trim();
    if (label === '') return invalid('The label is empty; name the key, such as "Acme workspace".');
    if (isLabelTaken(label)) {
      return invalid(`A key named "${label}" already exists; choose another label.`);
    }
    const baseUrlProblem = findBaseUrlProblem(request.baseUrl);
    if (baseUrlProblem) return invalid(baseUrlProblem);
    const cleaned = cleanApiKey(request.apiKey);
    if (!cleaned.ok) return cleaned;

    const { apiKey, removed } = cleaned.value;
    const protection = await protect(apiKey, request.acceptWeakStorage === true);
    const now = new Date().toISOString();
    const id = crypto.randomUUID();
    records.push({
      id,
      label,
      note: request.note?.trim() ?? '',
      baseUrl: normalizeBaseUrl(request.baseUrl),
      lastFour: lastFour(apiKey),
      ...protection,
      createdAt: now,
      updatedAt: now,
      verdicts: [],
    });
    secrets.set(id, apiKey);
    if (request.makeActive || (activeKeyId === null && !isSandboxActive)) {
      activeKeyId = id;
      if (request.makeActive) isSandboxActive = false;
    }
    persist();
    return { ok: true, value: { keyId: id, removed } };
  }

  async function replace(request: {
    id: string;
    apiKey: string;
    acceptWeakStorage?: boolean;
  }): Promise<Result<KeyChange>> {
    const record = find(request.id);
    if (!record) return notFound(request.id);
    const cleaned = cleanApiKey(request.apiKey);
    if (!cleaned.ok) return cleaned;

    const { apiKey, removed } = cleaned.value;
    const protection = await protect(apiKey, request.acceptWeakStorage === true);
    Object.assign(record, {
      storage: protection.storage,
      encryptedKey: protection.encryptedKey,
      lastFour: lastFour(apiKey),
      updatedAt: new Date().toISOString(),
      // Verdicts describe the old key, so they are not kept for the new one.
      verdicts: [],
    });
    secrets.set(record.id, apiKey);
    unreadable.delete(record.id);
    persist();
    return { ok: true, value: { keyId: record.id, removed } };
  }

  /**
   * Renames a key, changes its note, or moves it to another base URL. Moving it to another
   * origin requires `confirmOriginChange`, because the key is then sent to that server.
   */
  function update(request: {
    id: string;
    label?: string;
    note?: string;
    baseUrl?: string;
    confirmOriginChange?: boolean;
  }): Result<VaultInfo> {
    const record = find(request.id);
    if (!record) return notFound(request.id);

    const label = request.label?.trim();
    if (label !== undefined) {
      if (label === '') return invalid('The label is empty; name the key.');
      if (isLabelTaken(label, record.id)) {
        return invalid(`A key named "${label}" already exists; choose another label.`);
      }
    }
    let baseUrl: string | undefined;
    if (request.baseUrl !== undefined) {
      const problem = findBaseUrlProblem(request.baseUrl);
      if (problem) return invalid(problem);
      baseUrl = normalizeBaseUrl(request.baseUrl);
      const from = new URL(record.baseUrl).origin;
      const to = new URL(baseUrl).origin;
      if (from !== to && request.confirmOriginChange !== true) {
        return invalid(
          `Moving "${record.label}" from ${from} to ${to} sends the key to ${to}. Confirm the change to continue.`,
        );
      }
    }

    record.label = label ?? record.label;
    record.note = request.note?.trim() ?? record.note;
    record.baseUrl = baseUrl ?? record.baseUrl;
    record.updatedAt = new Date().toISOString();
    persist();
    return { ok: true, value: describe() };
  }

  /** Deletes a key. It can be restored until the app quits, from memory only. */
  function remove(id: string): Result<VaultInfo> {
    const index = records.findIndex((record) => record.id === id);
    const record = records[index];
    if (!record) return notFound(id);

    deleted.set(id, {
      record,
      secret: secrets.get(id),
      wasUnreadable: unreadable.has(id),
      index,
      wasActive: activeKeyId === id,
    });
    records.splice(index, 1);
    secrets.delete(id);
    unreadable.delete(id);
    if (activeKeyId === id) activeKeyId = null;
    for (const [appId, keyId] of lastKeyByWorkflow) {
      if (keyId === id) lastKeyByWorkflow.delete(appId);
    }
    persist();
    return { ok: true, value: describe() };
  }

  function restore(id: string): Result<VaultInfo> {
    const entry = deleted.get(id);
    if (!entry) return invalid('That key can no longer be restored; add it again.');
    if (isLabelTaken(entry.record.label)) {
      return invalid(
        `A key named "${entry.record.label}" was added since; rename it first, then restore.`,
      );
    }

    deleted.delete(id);
    records.splice(Math.min(entry.index, records.length), 0, entry.record);
    if (entry.secret !== undefined) secrets.set(id, entry.secret);
    if (entry.wasUnreadable) unreadable.add(id);
    if (entry.wasActive && activeKeyId === null) activeKeyId = id;
    persist();
    return { ok: true, value: describe() };
  }

  function setActive(id: string): Result<VaultInfo> {
    const record = find(id);
    if (!record) return notFound(id);
    if (!secrets.has(id)) {
      return invalid(`The key "${record.label}" cannot be read here; use "Replace key" first.`);
    }

    activeKeyId = id;
    isSandboxActive = false;
    persist();
    return { ok: true, value: describe() };
  }

  function useSandbox(baseUrl: string, apiKey: string): void {
    sandbox = { baseUrl: normalizeBaseUrl(baseUrl), apiKey };
    isSandboxActive = true;
  }

  /** Returns the key and server requests use now, or undefined when none can be used. */
  function getActive(): ActiveConnection | undefined {
    if (isSandboxActive && sandbox) {
      return { keyId: null, label: 'Practice sandbox', ...sandbox, isSandbox: true };
    }
    const record = activeKeyId === null ? undefined : find(activeKeyId);
    const apiKey = record ? secrets.get(record.id) : undefined;
    if (!record || apiKey === undefined) return undefined;
    return {
      keyId: record.id,
      label: record.label,
      baseUrl: record.baseUrl,
      apiKey,
      isSandbox: false,
    };
  }

  /** Returns the key with its base URL, for the main process to send; never for the renderer. */
  function getKeyForRequest(
    id: string,
  ): Result<{ apiKey: string; baseUrl: string; label: string }> {
    const record = find(id);
    if (!record) return notFound(id);
    const apiKey = secrets.get(id);
    if (apiKey === undefined) {
      return invalid(`The key "${record.label}" cannot be read here; use "Replace key" first.`);
    }
    return { ok: true, value: { apiKey, baseUrl: record.baseUrl, label: record.label } };
  }

  function recordVerdict(id: string, verdict: KeyVerdict): void {
    const record = find(id);
    if (!record) return;
    record.verdicts = [verdict, ...record.verdicts].slice(0, MAX_VERDICTS_PER_KEY);
    persist();
  }

  /** Remembers that `appId` was just run with the active stored key; the sandbox is not kept. */
  function rememberKeyForWorkflow(appId: string): void {
    const active = getActive();
    if (!active || active.keyId === null) return;

    // Deleting first moves the workflow to the end, so the Map stays ordered oldest first.
    lastKeyByWorkflow.delete(appId);
    lastKeyByWorkflow.set(appId, active.keyId);
    for (const oldest of lastKeyByWorkflow.keys()) {
      if (lastKeyByWorkflow.size <= MAX_REMEMBERED_WORKFLOWS) break;
      lastKeyByWorkflow.delete(oldest);
    }
    persist();
  }

  function lastKeyFor(appId: string): string | null {
    const keyId = lastKeyByWorkflow.get(appId);
    return keyId !== undefined && find(keyId) ? keyId : null;
  }

  return {
    load,
    describe,
    add,
    replace,
    update,
    remove,
    restore,
    setActive,
    useSandbox,
    getActive,
    getKeyForRequest,
    recordVerdict,
    rememberKeyForWorkflow,
    lastKeyFor,
  };
}

export type KeyVault = ReturnType<typeof createKeyVault>;
