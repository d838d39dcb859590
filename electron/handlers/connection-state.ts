import { createKeyVault, type ActiveConnection } from '../../core/key-vault.ts';
import type { KeyValueStore, SecretCipher } from '../../core/secret-cipher.ts';
import type { ConnectionInfo } from '../../core/ipc-contract.ts';
import type { Result } from '../../core/schemas.ts';
import { HATZ_BASE_URL } from '../../core/settings.ts';

/**
 * Creates the state of the key and base URL the app sends requests with: the active key of the
 * vault, or the practice sandbox. Keys are decrypted into this process's memory only, and
 * `describe` returns the active key's label and last four characters, never the key.
 */
export function createConnectionState(options: { cipher: SecretCipher; store: KeyValueStore }) {
  const vault = createKeyVault(options);

  function describe(): ConnectionInfo {
    const active = vault.getActive();
    const info = vault.describe();
    const activeKey = info.keys.find((key) => key.id === active?.keyId);
    return {
      baseUrl: active?.baseUrl ?? HATZ_BASE_URL,
      key: activeKey
        ? { id: activeKey.id, label: activeKey.label, lastFour: activeKey.lastFour }
        : null,
      isSandbox: active?.isSandbox ?? false,
      storageWarning: describeStorageWarning(info, activeKey?.storage),
    };
  }

  /** Adds a key from the quick form and makes it active, naming it after its last characters. */
  async function saveKey(request: {
    apiKey: string;
    baseUrl: string;
    label?: string;
  }): Promise<Result<ConnectionInfo>> {
    const label = request.label?.trim() || nextDefaultLabel();
    const added = await vault.add({ ...request, label, makeActive: true });
    return added.ok ? { ok: true, value: describe() } : added;
  }

  function nextDefaultLabel(): string {
    const taken = new Set(vault.describe().keys.map((key) => key.label.toLowerCase()));
    let label = 'Saved key';
    for (let suffix = 2; taken.has(label.toLowerCase()); suffix++) label = `Saved key ${suffix}`;
    return label;
  }

  /** Deletes the active key; it stays restorable from the Keys view until the app quits. */
  function forget(): void {
    const active = vault.getActive();
    if (active?.keyId) vault.remove(active.keyId);
  }

  return {
    vault,
    load: vault.load,
    describe,
    saveKey,
    useSandbox: vault.useSandbox,
    forget,
    get: (): ActiveConnection | undefined => vault.getActive(),
  };
}

function describeStorageWarning(
  info: ReturnType<ReturnType<typeof createKeyVault>['describe']>,
  activeStorage: string | undefined,
): string | undefined {
  const warnings = [...info.warnings];
  if (activeStorage === 'session') {
    warnings.unshift(
      `${info.storageWeakness ?? 'This system cannot encrypt the key.'} The key is kept for this session only and must be pasted again after a restart.`,
    );
  }
  return warnings.length > 0 ? warnings.join(' ') : undefined;
}

export type ConnectionState = ReturnType<typeof createConnectionState>;
