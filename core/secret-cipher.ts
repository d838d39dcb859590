/**
 * Encrypts secrets at rest. The app passes one backed by Electron's `safeStorage`, which uses the
 * operating system's keychain; tests pass one with a key of their own.
 */
export interface SecretCipher {
  /** Returns why encryption cannot protect a secret here, or undefined when it can. */
  findWeakness(): Promise<string | undefined>;
  /** Returns the ciphertext as base64. */
  encrypt(plainText: string): Promise<string>;
  /** Throws when the ciphertext was made on another machine or by another user. */
  decrypt(cipherText: string): Promise<string>;
}

/** A small persistent key-value store: `electron-store` in the app, a JSON file in tests. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}
