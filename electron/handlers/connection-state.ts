import { isRecord } from '../../core/json.ts';
import { lastFour } from '../../core/mask-key.ts';
import type { KeyValueStore, SecretCipher } from '../../core/secret-cipher.ts';
import type { ConnectionInfo } from '../../core/ipc-contract.ts';
import { HATZ_BASE_URL, normalizeBaseUrl } from '../../core/settings.ts';

const STORE_KEY = 'connection';

interface Connection {
  baseUrl: string;
  apiKey: string;
  label: string;
  isSandbox: boolean;
}

/**
 * Creates the state of the one key and base URL the app sends requests with. The key is kept
 * encrypted in the store and decrypted into this process's memory only. `describe` returns its
 * last four characters, never the key.
 */
export function createConnectionState(options: { cipher: SecretCipher; store: KeyValueStore }) {
  const { cipher, store } = options;
  let current: Connection | undefined;
  let storageWarning: string | undefined;

  /** Loads the stored key. A key that cannot be decrypted is reported, not deleted. */
  async function load(): Promise<void> {
    const saved = store.get(STORE_KEY);
    if (
      !isRecord(saved) ||
      typeof saved.encryptedKey !== 'string' ||
      typeof saved.baseUrl !== 'string'
    ) {
      return;
    }
    try {
      const apiKey = await cipher.decrypt(saved.encryptedKey);
      current = { baseUrl: saved.baseUrl, apiKey, label: 'Saved key', isSandbox: false };
    } catch {
      storageWarning =
        'The saved key could not be decrypted; it was saved on another computer or by another user. Paste the key again to replace it.';
    }
  }

  function describe(): ConnectionInfo {
    return {
      baseUrl: current?.baseUrl ?? HATZ_BASE_URL,
      key: current ? { label: current.label, lastFour: lastFour(current.apiKey) } : null,
      isSandbox: current?.isSandbox ?? false,
      storageWarning,
    };
  }

  /**
   * Saves a key for `baseUrl`. Where the system has no real keychain the key is kept for this
   * session only, because writing it to disk with weak protection would expose it.
   */
  async function saveKey(apiKey: string, baseUrl: string): Promise<void> {
    const normalizedBaseUrl = normalizeBaseUrl(baseUrl);
    const weakness = await cipher.findWeakness();
    current = { baseUrl: normalizedBaseUrl, apiKey, label: 'Saved key', isSandbox: false };
    if (weakness) {
      store.delete(STORE_KEY);
      current.label = 'Key for this session';
      storageWarning = `${weakness} The key is kept for this session only and must be pasted again after a restart.`;
      return;
    }
    store.set(STORE_KEY, {
      baseUrl: normalizedBaseUrl,
      encryptedKey: await cipher.encrypt(apiKey),
    });
    storageWarning = undefined;
  }

  function useSandbox(url: string, apiKey: string): void {
    current = {
      baseUrl: normalizeBaseUrl(url),
      apiKey,
      label: 'Practice sandbox',
      isSandbox: true,
    };
  }

  function forget(): void {
    store.delete(STORE_KEY);
    current = undefined;
    storageWarning = undefined;
  }

  return { load, describe, saveKey, useSandbox, forget, get: () => current };
}

export type ConnectionState = ReturnType<typeof createConnectionState>;
