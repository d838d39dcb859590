import { safeStorage } from 'electron';

import type { SecretCipher } from '../core/secret-cipher.ts';

/**
 * Encrypts with the operating system's keychain through Electron's asynchronous `safeStorage`
 * calls (Keychain on macOS, DPAPI on Windows, libsecret or KWallet on Linux).
 */
export const safeStorageCipher: SecretCipher = {
  async findWeakness() {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) {
      return 'This system offers no keychain to encrypt the key.';
    }
    // On Linux without a keyring, Electron falls back to a hard-coded password.
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
      return 'No keyring (GNOME Keyring or KWallet) is running, so the key cannot be encrypted safely.';
    }
    return undefined;
  },
  async encrypt(plainText) {
    return (await safeStorage.encryptStringAsync(plainText)).toString('base64');
  },
  async decrypt(cipherText) {
    const { result } = await safeStorage.decryptStringAsync(Buffer.from(cipherText, 'base64'));
    return result;
  },
};
