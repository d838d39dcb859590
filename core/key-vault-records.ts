import type { KeySummary } from './contract/keys.ts';
import { isRecord } from './json.ts';
import { keyVerdictSchema, type KeyVerdict } from './key-verdict.ts';

/** Store entry that contains the vault. */
export const VAULT_STORE_KEY = 'keyVault';
/** Store entry of the single key that earlier versions kept, moved into the vault on load. */
export const LEGACY_STORE_KEY = 'connection';
/** Verdicts kept per key, newest first. */
export const MAX_VERDICTS_PER_KEY = 10;
/** Workflows whose last key is remembered; the oldest are forgotten first. */
export const MAX_REMEMBERED_WORKFLOWS = 500;

/** One key as written to the store. The key itself appears only as `encryptedKey`. */
export interface StoredKeyRecord {
  id: string;
  label: string;
  note: string;
  baseUrl: string;
  lastFour: string;
  storage: KeySummary['storage'];
  /** Ciphertext from the injected cipher; absent for a key kept for one session only. */
  encryptedKey?: string;
  createdAt: string;
  updatedAt: string;
  verdicts: KeyVerdict[];
}

export interface StoredVault {
  activeKeyId: string | null;
  keys: StoredKeyRecord[];
  /** Pairs of app id and the key id that workflow was last run with, oldest first. */
  lastKeyByWorkflow: Array<[string, string]>;
}

/**
 * Reads the vault from its stored form. Entries that do not have the expected fields are
 * skipped rather than failing the whole vault, because the file may have been edited by hand.
 */
export function readStoredVault(value: unknown): StoredVault {
  if (!isRecord(value)) return { activeKeyId: null, keys: [], lastKeyByWorkflow: [] };

  const keys = Array.isArray(value.keys) ? value.keys.flatMap(readStoredKey) : [];
  const activeKeyId = typeof value.activeKeyId === 'string' ? value.activeKeyId : null;
  const lastKeyByWorkflow = Array.isArray(value.lastKeyByWorkflow)
    ? value.lastKeyByWorkflow.filter(
        (pair): pair is [string, string] =>
          Array.isArray(pair) &&
          pair.length === 2 &&
          typeof pair[0] === 'string' &&
          typeof pair[1] === 'string',
      )
    : [];
  return { activeKeyId, keys, lastKeyByWorkflow };
}

function readStoredKey(value: unknown): StoredKeyRecord[] {
  if (!isRecord(value)) return [];
  const { id, label, baseUrl } = value;
  if (typeof id !== 'string' || typeof label !== 'string' || typeof baseUrl !== 'string') return [];

  const storage =
    value.storage === 'weak' || value.storage === 'session' ? value.storage : 'keychain';
  const verdicts = Array.isArray(value.verdicts)
    ? value.verdicts.flatMap((verdict) => {
        const parsed = keyVerdictSchema.safeParse(verdict);
        return parsed.success ? [parsed.data] : [];
      })
    : [];
  const now = new Date().toISOString();
  return [
    {
      id,
      label,
      note: typeof value.note === 'string' ? value.note : '',
      baseUrl,
      lastFour: typeof value.lastFour === 'string' ? value.lastFour : '',
      storage,
      encryptedKey: typeof value.encryptedKey === 'string' ? value.encryptedKey : undefined,
      createdAt: typeof value.createdAt === 'string' ? value.createdAt : now,
      updatedAt: typeof value.updatedAt === 'string' ? value.updatedAt : now,
      verdicts: verdicts.slice(0, MAX_VERDICTS_PER_KEY),
    },
  ];
}

/** Returns the record as written to the store: a session key loses its ciphertext, if any. */
export function toStoredRecord(record: StoredKeyRecord): StoredKeyRecord {
  if (record.storage !== 'session') return record;
  const { encryptedKey: _dropped, ...rest } = record;
  return rest;
}
